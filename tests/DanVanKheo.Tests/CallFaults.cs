using System.Collections.Concurrent;

namespace DanVanKheo.Tests;

/// <summary>
/// Makes chosen calls into the test clusters' grains fail, as a lost connection or a silo going down would: the call
/// reaches a real silo and the grain method does not run. A test arms it for grain keys of its own, so other tests'
/// calls pass untouched.
/// </summary>
public sealed class CallFaults : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<(string Method, string Key), int> Armed = new();

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> on the grain keyed <paramref name="grainKey"/> fail.</summary>
    public static void FailNext(string method, string grainKey, int times = 1) => Armed[(method, grainKey)] = times;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var call = (context.MethodName, context.TargetId.Key.ToString());
        while (Armed.TryGetValue(call, out var left) && left > 0)
        {
            if (Armed.TryUpdate(call, left - 1, left))
            {
                throw new InvalidOperationException($"injected fault: {call.MethodName} on '{call.Item2}' did not run");
            }
        }

        return context.Invoke();
    }
}
