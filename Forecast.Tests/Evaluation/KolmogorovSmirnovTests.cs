using Forecast.Engine.Evaluation;

namespace Forecast.Tests.Evaluation;

public class KolmogorovSmirnovTests
{
    [Theory]
    // The limiting distribution's published critical values (Smirnov 1948; e.g. Conover 1999, table A14): P(K > 1.3581) = 0.05,
    // P(K > 1.6276) = 0.01, P(K > 1.2238) = 0.10.
    [InlineData(1.3581, 0.05)]
    [InlineData(1.6276, 0.01)]
    [InlineData(1.2238, 0.10)]
    public void LimitingTail_MatchesTheCriticalValues(double lambda, double p) =>
        Assert.Equal(p, KolmogorovSmirnov.LimitingTail(lambda), 2e-4);

    [Fact]
    public void Statistic_IsTheLargestGapBetweenTheEmpiricalAndUniformCdf()
    {
        // Sorted 0.1, 0.4, 0.7: the gaps i/n − u and u − (i − 1)/n are 0.233, 0.1; 0.267, 0.067; 0.3, 0.033.
        var (d, p) = KolmogorovSmirnov.Uniform([0.7, 0.1, 0.4]);
        Assert.Equal(0.3, d, 1e-12);
        Assert.InRange(p, 0, 1);
    }

    [Fact]
    public void PValue_IsSmall_ForValuesFarFromUniform()
    {
        var squeezed = Enumerable.Range(0, 1000).Select(i => 0.4 + 0.2 * (i + 0.5) / 1000).ToList();
        Assert.True(KolmogorovSmirnov.Uniform(squeezed).PValue < 1e-6);
        var even = Enumerable.Range(0, 1000).Select(i => (i + 0.5) / 1000).ToList();
        Assert.True(KolmogorovSmirnov.Uniform(even).PValue > 0.99);
    }
}
