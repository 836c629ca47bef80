namespace Forecast.Engine.Simulation;

/// <summary>
/// Floating-point sums over blocks added in one tree fixed by block index, so that any split of the blocks into
/// contiguous ranges (threads' shards, waves, processes on a batch scheduler) gives the same bits. Each block adds a
/// vector of <see cref="Width"/> sums (a leaf); node (level l, index i) holds the sum of blocks [i·2^l, (i+1)·2^l),
/// its value the left child's plus the right child's. The tree keeps a stack of the finished nodes of the blocks seen
/// so far (the maximal aligned ranges); two siblings on top of the stack are added at once. The run's total is the
/// stack folded from the right (a node whose right part lies beyond the last block is its left part), the same
/// value the full tree over blocks [0, B) has, whatever ranges the blocks arrived in.
/// </summary>
/// <remarks>
/// Memory: the stack of a contiguous range of B blocks holds at most about 2·log₂ B nodes of <see cref="Width"/>
/// doubles, kept in one buffer that grows only when the stack is deeper than ever before (never in a steady state).
/// </remarks>
internal sealed class SumTree
{
    private double[] _values;
    private (int Level, long Index)[] _nodes;
    private int _count;

    /// <param name="width">Sums per leaf.</param>
    /// <param name="capacity">Nodes to make room for at once.</param>
    public SumTree(int width, int capacity = 12)
    {
        Width = width;
        _values = new double[width * capacity];
        _nodes = new (int, long)[capacity];
    }

    /// <summary>Sums per leaf.</summary>
    public int Width { get; }

    /// <summary>Nodes on the stack.</summary>
    public int Count => _count;

    /// <summary>Node j of the stack (0 is the leftmost): its level and index.</summary>
    public (int Level, long Index) Node(int j) => _nodes[j];

    /// <summary>The sums of node j of the stack.</summary>
    public ReadOnlySpan<double> Values(int j) => Slot(j);

    /// <summary>
    /// Room for the leaf of <paramref name="block"/> (the block after the last one added, or the first): the caller
    /// writes the block's sums into it, then calls <see cref="Settle"/>.
    /// </summary>
    public Span<double> Leaf(long block)
    {
        Grow();
        _nodes[_count] = (0, block);
        return Slot(_count++);
    }

    /// <summary>Adds a finished node (read from a partial, or a part's stack) after the last one, and settles.</summary>
    public void Add(int level, long index, ReadOnlySpan<double> values)
    {
        Grow();
        _nodes[_count] = (level, index);
        values.CopyTo(Slot(_count++));
        Settle();
    }

    /// <summary>Adds sibling nodes on top of the stack into their parent, as long as there are any.</summary>
    public void Settle()
    {
        while (_count >= 2)
        {
            var (leftLevel, left) = _nodes[_count - 2];
            var (rightLevel, right) = _nodes[_count - 1];
            if (leftLevel != rightLevel || (left & 1) != 0 || right != left + 1) return;
            var sum = Slot(_count - 2);
            var rightValues = Slot(_count - 1);
            for (int x = 0; x < sum.Length; x++) sum[x] += rightValues[x];
            _nodes[_count - 2] = (leftLevel + 1, left >> 1);
            _count--;
        }
    }

    /// <summary>Moves the nodes of <paramref name="part"/> (whose blocks follow this tree's) onto this stack and empties it.</summary>
    public void Move(SumTree part)
    {
        for (int j = 0; j < part._count; j++) Add(part._nodes[j].Level, part._nodes[j].Index, part.Slot(j));
        part.Clear();
    }

    /// <summary>The total: the stack folded from the right into <paramref name="total"/> (zeros for no block).</summary>
    public void Fold(Span<double> total)
    {
        total.Clear();
        if (_count == 0) return;
        Slot(_count - 1).CopyTo(total);
        for (int j = _count - 2; j >= 0; j--)
        {
            var left = Slot(j);
            for (int x = 0; x < total.Length; x++) total[x] = left[x] + total[x];
        }
    }

    /// <summary>Forgets every node.</summary>
    public void Clear() => _count = 0;

    private Span<double> Slot(int j) => _values.AsSpan(j * Width, Width);

    private void Grow()
    {
        if (_count < _nodes.Length) return;
        Array.Resize(ref _nodes, _nodes.Length * 2);
        Array.Resize(ref _values, Math.Max(Width, _values.Length * 2));
    }
}
