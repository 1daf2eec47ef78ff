package dev.proxima.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.proxima.space.nb201.Nb201Cell;

/**
 * One NAS-Bench-201 cell as a DJL block: node j is the sum of op(i→j)(node i) over i < j, node 0
 * is the input and node 3 the output. {@code none} edges have no block and add nothing; a node
 * with no contribution is zeros of the input's shape (as NAS-Bench-201's zero op gives).
 */
final class Nb201CellBlock extends AbstractBlock {
    private static final int[] SOURCE = {0, 0, 1, 0, 1, 2};
    private static final int[] TARGET = {1, 2, 2, 3, 3, 3};
    private final Block[] edges = new Block[Nb201Cell.EDGES];

    Nb201CellBlock(Nb201Cell cell, int channels, Nb201Blocks.Options options) {
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            Block op = Nb201Blocks.cellOp(cell.op(e), channels, options);
            if (op != null) {
                edges[e] = addChildBlock(SOURCE[e] + "to" + TARGET[e] + "_" + cell.op(e).officialName(), op);
            }
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray[] node = new NDArray[4];
        node[0] = inputs.singletonOrThrow();
        for (int target = 1; target <= 3; target++) {
            NDArray sum = null;
            for (int e = 0; e < Nb201Cell.EDGES; e++) {
                if (TARGET[e] != target || edges[e] == null) {
                    continue;
                }
                NDArray out = edges[e].forward(store, new NDList(node[SOURCE[e]]), training, params).singletonOrThrow();
                sum = sum == null ? out : sum.add(out);
            }
            node[target] = sum == null ? node[0].zerosLike() : sum;
        }
        return new NDList(node[3]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes; // every cell operation keeps shape and channels
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }
}
