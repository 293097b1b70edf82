namespace DanVanKheo.Client.Commands;

/// <summary>
/// Lets through only live updates newer than any seen before: Orleans does not keep calls to an observer in order,
/// and a late, older update must not roll the printed figures back. The first is measured against the snapshot the
/// watch printed when it started.
/// </summary>
public sealed class NewestUpdates(DateTimeOffset snapshotAsOf)
{
    private long _version = long.MinValue;

    public bool Accept(TallyUpdate update)
    {
        if (update.Version <= _version || update.AsOf < snapshotAsOf)
        {
            return false;
        }

        _version = update.Version;
        return true;
    }
}
