using System.Diagnostics;

namespace DanVanKheo.Client.Load;

/// <summary>
/// The CPU time this process (the load test) uses over a phase. On one machine the client's share is the silo's loss,
/// so the report gives it beside the silo's.
/// </summary>
public readonly record struct ClientCpu(TimeSpan StartCpu, long StartedAt)
{
    public static ClientCpu Start() => new(Process.GetCurrentProcess().TotalProcessorTime, Stopwatch.GetTimestamp());

    /// <returns>The CPU seconds used since <see cref="Start"/>, and the wall-clock seconds elapsed.</returns>
    public (double Seconds, double Elapsed) Stop() =>
        ((Process.GetCurrentProcess().TotalProcessorTime - StartCpu).TotalSeconds, Math.Max(Stopwatch.GetElapsedTime(StartedAt).TotalSeconds, 0.001));
}
