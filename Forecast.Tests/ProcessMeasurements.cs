using Xunit;

namespace Forecast.Tests;

/// <summary>
/// Tests that measure the test process itself (a thread's allocated bytes, where the pinned heap places arrays): they run
/// alone, after the parallel tests, so that other tests' pinned buffers and work in flight cannot enter their figures.
/// Both were seen failing once in a full run while the machine was busy with other processes, which changes how the
/// parallel tests interleave (104 of 120 rows on a cache line against 118-120 otherwise; 7,704 B in a steady-state block
/// loop that allocates nothing when run alone).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMeasurements
{
    public const string Name = "process measurements";
}
