package dev.proxima.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** Starts DJL's engine the way Proxima needs it: offline, PyTorch, a fixed number of CPU threads. */
public final class DjlEngines {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DjlEngines.class);

    private DjlEngines() {}

    /**
     * Checks the engine choice and sets the engine's thread counts; must run before anything touches
     * DJL (the counts are read once, when the engine starts).
     *
     * @param engine the configured engine name
     * @param cpuThreads PyTorch intra-op threads for the whole process
     * @throws IllegalArgumentException naming why the engine cannot train
     */
    public static Engine start(String engine, int cpuThreads) {
        System.setProperty("ai.djl.offline", "true");
        if (engine.toLowerCase(Locale.ROOT).startsWith("tensorflow")) {
            throw new IllegalArgumentException("proxima.training.engine: DJL's TensorFlow engine cannot train (its NDArray "
                    + "gradient methods throw 'Not implemented'); use PyTorch");
        }
        if (!engine.equals("PyTorch")) {
            throw new IllegalArgumentException("proxima.training.engine: '" + engine + "' is not supported for training; use PyTorch");
        }
        if (System.getenv("OMP_WAIT_POLICY") == null) {
            LOG.warn("OMP_WAIT_POLICY is not set: PyTorch's OpenMP threads will spin while they wait, which slows "
                    + "training many times over when other processes use the CPU; the ./proxima wrapper sets PASSIVE");
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(cpuThreads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        return Engine.getEngine(engine);
    }

    /** Which engine, libtorch and GPUs this process runs with: the first thing to check on a GPU node. */
    public static String describe(Engine engine) {
        String libtorch;
        try {
            libtorch = ai.djl.pytorch.jni.LibUtils.getLibtorchPath();
        } catch (RuntimeException | LinkageError e) {
            libtorch = "unknown";
        }
        String override = System.getenv("PYTORCH_LIBRARY_PATH");
        return engine.getEngineName() + " " + engine.getVersion() + ", libtorch " + libtorch
                + (override == null ? " (bundled CPU build)" : " (PYTORCH_LIBRARY_PATH)") + ", flavor "
                + java.util.Objects.requireNonNullElse(System.getenv("PYTORCH_FLAVOR"), "auto") + ", "
                + engine.getGpuCount() + " GPU(s)";
    }

    /**
     * Reads a device name: {@code cpu}, {@code cpu:N} (a CPU slot) or {@code gpu:N}.
     *
     * @throws IllegalArgumentException for another name, or a GPU the engine does not see
     */
    public static Device device(String name, Engine engine) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("cpu") || n.matches("cpu:\\d+")) {
            return Device.cpu();
        }
        if (n.matches("gpu:\\d+")) {
            int index = Integer.parseInt(n.substring(4));
            int gpus = engine.getGpuCount();
            if (index >= gpus) {
                throw new IllegalArgumentException("device '" + name + "': the engine sees " + gpus + " GPU(s) ("
                        + describe(engine) + (gpus == 0 ? "; for CUDA point PYTORCH_LIBRARY_PATH at a CUDA build of "
                        + "libtorch " + engine.getVersion() + " and set PYTORCH_FLAVOR=cu128, see docs/gpu.md" : "") + ")");
            }
            return Device.gpu(index);
        }
        throw new IllegalArgumentException("device '" + name + "' is not cpu, cpu:N or gpu:N");
    }
}
