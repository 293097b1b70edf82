namespace DanVanKheo.Grains;

/// <summary>
/// A child as its parent holds it in memory: the newest report's version and tally, updated in place. The stored
/// form is <see cref="ChildEntry"/>, made when the unit writes and kept until the child changes, so that a database
/// write interval does not rebuild every child's tally.
/// </summary>
internal sealed class ChildSlot(string name, Level level, long version, TallyBuilder tally)
{
    private ChildEntry? _entry;

    public string Name { get; private set; } = name;

    public Level Level { get; private set; } = level;

    public long Version { get; private set; } = version;

    /// <summary>Read only: changes go through <see cref="Accept"/> so that the stored form follows.</summary>
    public TallyBuilder Tally { get; } = tally;

    public static ChildSlot Of(ChildEntry entry) => new(entry.Name, entry.Level, entry.Version, new TallyBuilder().Set(entry.Tally));

    public void Rename(string name, Level level)
    {
        (Name, Level, _entry) = (name, level, null);
    }

    /// <summary>Takes a newer report: the tally is copied into the slot, not kept (see <see cref="TallyBuilder.Set"/>).</summary>
    public void Accept(long version, Tally tally)
    {
        Version = version;
        Tally.Set(tally);
        _entry = null;
    }

    /// <summary>Applies a delta based on this slot's version (the caller checked that).</summary>
    public void Apply(long version, TallyDelta delta)
    {
        Version = version;
        Tally.Add(delta, 1);
        _entry = null;
    }

    /// <summary>A newer report with the same counts: only the version moves.</summary>
    public void Confirm(long version)
    {
        Version = version;
        _entry = null;
    }

    public ChildEntry ToEntry() => _entry ??= new(Name, Level, Version, Tally.ToTally());
}
