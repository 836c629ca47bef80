namespace Forecast.Engine.Randomness;

/// <summary>
/// Adapts a <see cref="Xoshiro256StarStar"/> stream to <see cref="System.Random"/>, so that
/// MathNet.Numerics samplers draw from the engine's keyed streams and never from hidden state.
/// </summary>
public sealed class StreamRandom : System.Random
{
    private Xoshiro256StarStar _generator;

    /// <summary>Wraps a generator (copied; the wrapper advances its own copy).</summary>
    public StreamRandom(Xoshiro256StarStar generator) => _generator = generator;

    /// <summary>Replaces the underlying stream, so one wrapper can be reused across blocks without allocation.</summary>
    public void Reset(Xoshiro256StarStar generator) => _generator = generator;

    /// <inheritdoc />
    protected override double Sample() => _generator.NextDouble();

    /// <inheritdoc />
    public override double NextDouble() => _generator.NextDouble();

    /// <inheritdoc />
    public override int Next() => (int)(_generator.NextUInt64() >> 33);

    /// <inheritdoc />
    public override int Next(int maxValue) => (int)(_generator.NextDouble() * maxValue);

    /// <inheritdoc />
    public override int Next(int minValue, int maxValue) => minValue + (int)(_generator.NextDouble() * ((long)maxValue - minValue));

    /// <inheritdoc />
    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)(_generator.NextUInt64() >> 56);
    }

    /// <inheritdoc />
    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());
}
