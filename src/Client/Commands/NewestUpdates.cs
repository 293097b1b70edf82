namespace DanVanKheo.Client.Commands;

/// <summary>
/// Lets through only live updates newer than any seen before: Orleans does not keep calls to an observer in order,
/// and a late, older update must not roll the printed figures back. The first must be newer than the snapshot the
/// watch printed when it started (<see cref="UnitInfo.Version"/>). Versions, not times: a unit that moved to a silo
/// whose clock is behind still numbers its updates upward.
/// </summary>
public sealed class NewestUpdates(long snapshotVersion)
{
    private long _version = snapshotVersion;

    public bool Accept(TallyUpdate update)
    {
        if (update.Version <= _version)
        {
            return false;
        }

        _version = update.Version;
        return true;
    }
}
