namespace DanVanKheo.Silo.Hosting;

/// <summary>
/// An <see cref="IActivationWorkingSet"/> that passes on activations' lifecycle events (added, deactivating,
/// deactivated) to Orleans' observers and keeps no set of recently active activations.
/// </summary>
/// <remarks>
/// Orleans' own working set adds every activation that receives a message after 10 s of idleness to a concurrent
/// dictionary and visits the whole set every 5 s, under each activation's lock, to find the ones that went idle.
/// At whole-country scale nearly every model update wakes a model idle for longer than that, so the set churned by
/// the number of updates and held about half a million entries: 5 % of the silo's CPU samples, plus dictionary
/// nodes living long enough to be promoted. Its observers on one silo are the idle collector, which schedules
/// collection when an activation is added and re-checks idleness itself when the collection is due, and the
/// incoming-request monitor, which this mode switches off (it only learns of activity through the set).
/// </remarks>
public sealed class LifecycleOnlyWorkingSet(IEnumerable<IActivationWorkingSetObserver> observers) : IActivationWorkingSet
{
    private readonly IActivationWorkingSetObserver[] _observers = observers.ToArray();
    private int _count;

    /// <summary>Activations added and not yet deactivated (Orleans' set counts only the recently active ones).</summary>
    public int Count => Volatile.Read(ref _count);

    public void OnActivated(IActivationWorkingSetMember member)
    {
        Interlocked.Increment(ref _count);
        foreach (var observer in _observers)
        {
            observer.OnAdded(member);
        }
    }

    public void OnActive(IActivationWorkingSetMember member)
    {
        foreach (var observer in _observers)
        {
            observer.OnActive(member);
        }
    }

    public void OnDeactivating(IActivationWorkingSetMember member)
    {
        foreach (var observer in _observers)
        {
            observer.OnEvicted(member);
            observer.OnDeactivating(member);
        }
    }

    public void OnDeactivated(IActivationWorkingSetMember member)
    {
        Interlocked.Decrement(ref _count);
        foreach (var observer in _observers)
        {
            observer.OnDeactivated(member);
        }
    }
}
