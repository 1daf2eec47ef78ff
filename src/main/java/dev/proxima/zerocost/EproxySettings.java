package dev.proxima.zerocost;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One Eproxy setting (Li et al. 2022, GenNAS-Zero): what the candidate's stage features are trained
 * to reproduce, through which heads and frozen barrier layers, with which optimiser. {@link #DEFAULT}
 * is the released NAS-Bench-201 configuration; Discrete Proxy Search explores the rest.
 *
 * @param learningRate SGD learning rate (momentum 0.9, weight decay 4e-5 on multi-dimensional weights)
 * @param macsWeight alpha of the MACs-aware score loss x (1 - alpha x MACs / MACs_max); 0 = loss only
 * @param networkInit initialisation of the backbone and the heads
 * @param barrierInit initialisation of the frozen barrier convolutions
 * @param branches one per tapped stage, in order last stage, middle stage, first stage (1 to 3)
 */
public record EproxySettings(double learningRate, double macsWeight, Init networkInit, Init barrierInit,
        List<Branch> branches) {

    /** Allowed kernel sizes of heads and barriers. */
    public static final List<Integer> KERNELS = List.of(1, 3, 7);
    /** Allowed head and barrier output channels. */
    public static final List<Integer> CHANNELS = List.of(16, 32, 64, 128, 256, 512);

    /** The released NB201 configuration: 3 branches of 1x1 heads to 128 channels, 3x3 barriers, wave_h targets, lr 1.2. */
    public static final EproxySettings DEFAULT = new EproxySettings(1.2, 0, Init.PYTORCH_DEFAULT, Init.PYTORCH_DEFAULT,
            List.of(Branch.DEFAULT, Branch.DEFAULT, Branch.DEFAULT));

    /** How a convolution's weights start (biases: PyTorch's default bound for PYTORCH_DEFAULT, else 0). */
    public enum Init {
        /** uniform +-1/sqrt(fan_in), what a fresh PyTorch layer gets */
        PYTORCH_DEFAULT,
        XAVIER_UNIFORM,
        XAVIER_NORMAL,
        /** fan_out mode, ReLU gain */
        KAIMING_UNIFORM,
        /** fan_out mode, ReLU gain */
        KAIMING_NORMAL;

        /** The four schemes DPS chooses among. */
        public static final List<Init> SEARCHED = List.of(XAVIER_UNIFORM, XAVIER_NORMAL, KAIMING_UNIFORM, KAIMING_NORMAL);

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The synthetic target families a branch's target sums (GenNAS's feature maps). */
    public enum Target {
        /** features of a frozen random CNN on the same 16 images (the paper's stored "net" maps are not published) */
        NET,
        /** sinusoidal position patterns at low spatial frequency */
        WAVE_L,
        /** ... at mid frequency (beta 0.125 to 0.35) */
        WAVE_M,
        /** ... at high frequency (beta 0.375 to 0.4875) */
        WAVE_H,
        /** random +-1 at every position */
        DOT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One branch: a trainable head (k x k conv with bias, ReLU, BatchNorm) to {@code headChannels},
     * then a frozen barrier (k' x k' conv with bias) to {@code targetChannels}, trained towards
     * {@code level} x (sum of the {@code targets} families); an empty set is an all-zero target.
     */
    public record Branch(Set<Target> targets, int headKernel, int barrierKernel, int headChannels, int targetChannels,
            double level) {
        public static final Branch DEFAULT = new Branch(EnumSet.of(Target.WAVE_H), 1, 3, 128, 128, 1.0);

        public Branch {
            require(targets != null, "a branch needs its targets (an empty list for none)");
            targets = targets.isEmpty() ? EnumSet.noneOf(Target.class) : EnumSet.copyOf(targets);
            require(KERNELS.contains(headKernel), "head kernel " + headKernel + " is not one of " + KERNELS);
            require(KERNELS.contains(barrierKernel), "barrier kernel " + barrierKernel + " is not one of " + KERNELS);
            require(headChannels >= 1 && headChannels <= 512, "head channels " + headChannels + " outside 1..512");
            require(targetChannels >= 1 && targetChannels <= 512, "target channels " + targetChannels + " outside 1..512");
            require(Double.isFinite(level), "target level " + level + " is not finite");
        }

        String describe() {
            String t = targets.isEmpty() ? "zero" : targets.stream().map(Target::label).collect(Collectors.joining("+"));
            return String.format(Locale.ROOT, "%s k%d->%d barrier k%d->%d x%s", t, headKernel, headChannels, barrierKernel,
                    targetChannels, trim(level));
        }
    }

    public EproxySettings {
        require(networkInit != null && barrierInit != null && branches != null,
                "networkInit, barrierInit and branches are required");
        branches = List.copyOf(branches);
        require(branches.size() >= 1 && branches.size() <= 3, "Eproxy needs 1 to 3 branches, got " + branches.size());
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate " + learningRate + " must be > 0");
        require(Double.isFinite(macsWeight), "MACs weight " + macsWeight + " is not finite");
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** The settings as a JSON object (what {@link #read} reads back). */
    public JsonElement toJson() {
        return GSON.toJsonTree(this);
    }

    /**
     * Reads settings from a JSON file: either the settings object itself or a document whose
     * {@code settings} member holds them (what {@code proxima dps} writes).
     *
     * @throws IllegalArgumentException naming the file and the problem
     */
    public static EproxySettings read(Path file) {
        try {
            JsonElement doc = JsonParser.parseString(Files.readString(file));
            if (doc.isJsonObject() && doc.getAsJsonObject().has("settings")) {
                doc = doc.getAsJsonObject().get("settings");
            }
            EproxySettings s = GSON.fromJson(doc, EproxySettings.class);
            if (s == null) {
                throw new IllegalArgumentException("empty document");
            }
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read Eproxy settings: " + e.getMessage(), e);
        } catch (RuntimeException e) { // Gson's parse errors, and what the constructors refuse
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(""); // Gson adds a help link below
            throw new IllegalArgumentException(file + ": not valid Eproxy settings: " + why, e);
        }
    }

    /** A one-line human-readable form, for logs and reports. */
    public String describe() {
        return String.format(Locale.ROOT, "lr %s, alpha %s, init %s, barrier init %s, branches [%s]", trim(learningRate),
                trim(macsWeight), networkInit.label(), barrierInit.label(),
                branches.stream().map(Branch::describe).collect(Collectors.joining("; ")));
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("Eproxy setting: " + problem);
        }
    }
}
