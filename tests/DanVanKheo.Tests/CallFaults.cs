using System.Collections.Concurrent;

namespace DanVanKheo.Tests;

/// <summary>
/// Makes chosen calls into the test clusters' grains fail, as a lost connection or a silo going down would (the call
/// reaches a real silo and the grain method does not run), or wait, so that a test can order a race. A test arms it for
/// grain keys of its own, so other tests' calls pass untouched.
/// </summary>
public sealed class CallFaults : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<(string Method, string Key), int> Armed = new();
    private static readonly ConcurrentDictionary<(string Method, string Key), (TaskCompletionSource Reached, Task Release)> Held = new();

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> on the grain keyed <paramref name="grainKey"/> fail.</summary>
    public static void FailNext(string method, string grainKey, int times = 1) => Armed[(method, grainKey)] = times;

    /// <summary>
    /// The next call of <paramref name="method"/> on the grain keyed <paramref name="grainKey"/> waits, once it has reached the
    /// grain, until <paramref name="release"/> completes; the returned task completes when it has reached the grain.
    /// </summary>
    public static Task HoldNext(string method, string grainKey, Task release)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Held[(method, grainKey)] = (reached, release);
        return reached.Task;
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var call = (context.MethodName, context.TargetId.Key.ToString());
        while (Armed.TryGetValue(call, out var left) && left > 0)
        {
            if (Armed.TryUpdate(call, left - 1, left))
            {
                throw new InvalidOperationException($"injected fault: {call.MethodName} on '{call.Item2}' did not run");
            }
        }

        if (Held.TryRemove(call, out var hold))
        {
            hold.Reached.SetResult();
            await hold.Release;
        }

        await context.Invoke();
    }
}
