package dev.proxima.space.nb201;

/** The five NAS-Bench-201 edge operations; the ordinal is the benchmark's op digit. */
public enum Nb201Op {
    NONE("none"),
    SKIP_CONNECT("skip_connect"),
    NOR_CONV_1X1("nor_conv_1x1"),
    NOR_CONV_3X3("nor_conv_3x3"),
    AVG_POOL_3X3("avg_pool_3x3");

    private final String officialName;

    Nb201Op(String officialName) {
        this.officialName = officialName;
    }

    /** The name used in the official arch string, e.g. {@code nor_conv_3x3}. */
    public String officialName() {
        return officialName;
    }

    /** True for the two ReLU-Conv-BN operations. */
    public boolean isConv() {
        return this == NOR_CONV_1X1 || this == NOR_CONV_3X3;
    }

    /** Kernel size of a convolution; 0 for the other operations. */
    public int kernelSize() {
        return switch (this) {
            case NOR_CONV_1X1 -> 1;
            case NOR_CONV_3X3 -> 3;
            default -> 0;
        };
    }

    static Nb201Op byOfficialName(String name) {
        for (Nb201Op op : values()) {
            if (op.officialName.equals(name)) {
                return op;
            }
        }
        return null;
    }
}
