package dev.proxima.training;

import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.Repository;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST through DJL's own {@link FashionMnist} loader, offline: a local repository whose
 * {@code metadata.json} points at the IDX files with absolute {@code file:} URIs (DJL resolves them like remote ones), so
 * DJL decompresses and reads the user's files instead of downloading. Online users can point the
 * same loader at DJL's default repository instead; Proxima never does at run time.
 */
public final class DjlFashionMnist {
    private static final String METADATA = """
            {"metadataVersion":"0.2","resourceType":"dataset","application":"cv","groupId":"ai.djl.basicdataset",
             "artifactId":"fashmnist","artifacts":[{"version":"1.0","name":"fashmnist","files":{
             "train_data":{"uri":"%s"},"train_labels":{"uri":"%s"},"test_data":{"uri":"%s"},"test_labels":{"uri":"%s"}}}]}
            """;
    private static final float MEAN = 0.2860f;
    private static final float STD = 0.3530f;

    private DjlFashionMnist() {}

    /**
     * @param dataDir folder with the four {@code *-ubyte.gz} files
     * @param repositoryRoot a writable folder for the local repository's metadata
     */
    public static ImageDatasets.TrainTest load(Path dataDir, Path repositoryRoot) {
        try {
            Path metadata = repositoryRoot.resolve("dataset/cv/ai/djl/basicdataset/fashmnist/metadata.json");
            Files.createDirectories(metadata.getParent());
            Files.writeString(metadata, String.format(METADATA, uri(dataDir, "train-images-idx3-ubyte.gz"),
                    uri(dataDir, "train-labels-idx1-ubyte.gz"), uri(dataDir, "t10k-images-idx3-ubyte.gz"),
                    uri(dataDir, "t10k-labels-idx1-ubyte.gz")));
            Repository repository = Repository.newInstance("proxima-fashion-mnist", repositoryRoot);
            return new ImageDatasets.TrainTest(read(repository, Dataset.Usage.TRAIN), read(repository, Dataset.Usage.TEST));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot prepare Fashion-MNIST through DJL from " + dataDir + ": " + e.getMessage());
        }
    }

    private static String uri(Path dir, String file) {
        Path p = dir.resolve(file).toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("Fashion-MNIST not found: no " + p
                    + " (install it with 'apt-get install dataset-fashion-mnist', or set proxima.training.data-dir)");
        }
        return p.toUri().toString();
    }

    private static ImageData read(Repository repository, Dataset.Usage usage) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            FashionMnist dataset = FashionMnist.builder().optRepository(repository).optUsage(usage).optManager(manager)
                    .setSampling(256, false).build();
            dataset.prepare(null);
            int n = (int) dataset.size();
            try (Batch all = dataset.getByRange(manager, 0, n)) {
                float[] pixels = all.getData().head().toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = (pixels[i] / 255f - MEAN) / STD;
                }
                float[] raw = all.getLabels().head().toType(DataType.FLOAT32, false).toFloatArray();
                int[] labels = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = (int) raw[i];
                }
                return new ImageData(pixels, labels, 1, FashionMnist.IMAGE_HEIGHT, FashionMnist.IMAGE_WIDTH,
                        FashionMnist.NUM_CLASSES);
            }
        }
    }
}
