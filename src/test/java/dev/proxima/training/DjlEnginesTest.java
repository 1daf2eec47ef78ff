package dev.proxima.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.proxima.proxy.TrainingRecipe;
import org.junit.jupiter.api.Test;

class DjlEnginesTest {

    @Test
    void theTensorFlowEngineIsRefusedForTrainingWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DjlEngines.start("TensorFlow", 1));
        assertEquals("proxima.training.engine: DJL's TensorFlow engine cannot train (its NDArray gradient methods throw "
                + "'Not implemented'); use PyTorch", e.getMessage());
    }

    @Test
    void devicesAreCpuSlotsOrGpusTheEngineSees() {
        Engine engine = DjlEngines.start("PyTorch", 2);
        assertEquals(Device.cpu(), DjlEngines.device("cpu:1", engine));
        if (engine.getGpuCount() == 0) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DjlEngines.device("gpu:0", engine));
            assertTrue(e.getMessage().startsWith("device 'gpu:0': the engine sees 0 GPU(s) (PyTorch 2.7.1, libtorch "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("(bundled CPU build), flavor auto, 0 GPU(s); for CUDA point "
                    + "PYTORCH_LIBRARY_PATH at a CUDA build of libtorch 2.7.1 and set PYTORCH_FLAVOR=cu128, see docs/gpu.md)"),
                    e.getMessage());
        } else {
            assertEquals(Device.gpu(0), DjlEngines.device("gpu:0", engine));
        }
        assertThrows(IllegalArgumentException.class, () -> DjlEngines.device("tpu:0", engine));
    }

    @Test
    void econasNotationCarriesTheReductionFactors() {
        TrainingRecipe c4r4 = new TrainingRecipe(4, 5, 8, 1.0, 256, 0.1, 0.9, 5e-4, 0, 0);
        assertEquals("c4r4s0e60", c4r4.econas(60, 16, 32));
        TrainingRecipe half = new TrainingRecipe(16, 5, 0, 0.5, 256, 0.1, 0.9, 5e-4, 0, 0);
        assertEquals("c0r0s2e20", half.econas(20, 16, 32));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new TrainingRecipe(16, 5, 0, 1.5, 256, 0.1, 0.9, 5e-4, 0, 0)).getMessage().startsWith("data-fraction"));
    }
}
