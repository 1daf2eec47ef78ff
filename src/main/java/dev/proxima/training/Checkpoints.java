package dev.proxima.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The part of a checkpoint after DJL's parameter stream: a marker and each parameter's momentum buffer by its name in the block (DJL's parameter ids are
 * new in every process, names are not). A file written before this part existed ends after the
 * parameters: it loads with zero momentum.
 */
final class Checkpoints {
    private static final String MARKER = "proxima-momentum-v1";

    private Checkpoints() {}

    static void writeMomentum(DataOutputStream out, Block block, MomentumSgd sgd) throws IOException {
        out.writeUTF(MARKER);
        Map<String, byte[]> buffers = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            sgd.state(p.getValue().getId()).ifPresent(state -> buffers.put(p.getKey(), state.encode()));
        }
        out.writeInt(buffers.size());
        for (Map.Entry<String, byte[]> b : buffers.entrySet()) {
            out.writeUTF(b.getKey());
            out.writeInt(b.getValue().length);
            out.write(b.getValue());
        }
    }

    /** Restores the momentum buffers into {@code sgd}; nothing when the file has no momentum part. */
    static void readMomentum(DataInputStream in, Block block, NDManager manager, MomentumSgd sgd) throws IOException {
        if (!marker(in)) {
            return;
        }
        Map<String, String> ids = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            ids.put(p.getKey(), p.getValue().getId());
        }
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            String id = ids.get(name);
            if (id == null) {
                throw new IOException("momentum for parameter " + name + ", which this network does not have");
            }
            sgd.restore(id, NDArray.decode(manager, bytes));
        }
    }

    private static boolean marker(DataInputStream in) throws IOException {
        try {
            String marker = in.readUTF();
            if (!marker.equals(MARKER)) {
                throw new IOException("unknown checkpoint trailer '" + marker + "'");
            }
            return true;
        } catch (EOFException e) {
            return false;
        }
    }
}
