namespace DanVanKheo.Grains;

/// <summary>
/// What a unit sends its parent. Once the parent has confirmed a report, the next ones carry only the counters that
/// changed since (a <see cref="ChildDelta"/> based on the confirmed version), not the whole tally: a flush then
/// allocates a few cells instead of 30 counters for every registration year, and the parent updates its copy in place.
/// Whenever the unit cannot be sure what the parent holds (new activation, failed call, a move, a resync, or the parent
/// answering <see cref="ReportAck.NeedsFull"/>), the next report is the whole tally again, which is always safe.
/// </summary>
public sealed partial class UnitGrain
{
    /// <summary>The tally of the report the parent confirmed last, kept in place.</summary>
    private readonly TallyBuilder _parentHolds = new();

    /// <summary>The parent that confirmed <see cref="_parentHolds"/>; null when unknown, so that the next report is whole.</summary>
    private string? _parentHoldsFor;

    private long _parentHoldsVersion;

    public async Task<ReportAck> ReportChildDelta(ChildDelta report)
    {
        _childDeltasReceived++;
        if (ReceivedFromChild(report.Code) is not { } slot)
        {
            return new ReportAck(true, _state.MergedInto);
        }

        if (slot.Version < report.Version)
        {
            if (slot.Version != report.BaseVersion)
            {
                // This unit holds another version of the child than the delta is based on (a lost answer, a re-attach,
                // a restart): applying it would count wrongly, so ask for the whole tally.
                return ReportAck.NeedsFullReport;
            }

            slot.Apply(report.Version, report.Delta);
            _sum.Add(report.Delta, 1);
            if (report.Delta.IsEmpty)
            {
                Touch();
            }
            else
            {
                Changed();
            }
        }

        // Otherwise already applied, or older than a report applied since: nothing to change.
        await AcknowledgeAsync();
        return ReportAck.Stored;
    }

    /// <summary>Forgets what the parent holds: the next report is the whole tally.</summary>
    private void ReportWholeNext() => _parentHoldsFor = null;

    private UpwardReport NextReport(string parentCode, long version)
    {
        var known = _parentHoldsFor == parentCode;

        // Unknown until the answer: a call that fails may or may not have been applied.
        _parentHoldsFor = null;
        return known
            ? new UpwardReport(new ChildDelta(Code, _parentHoldsVersion, version, _sum.DeltaFrom(_parentHolds)), null)
            : new UpwardReport(null, new ChildReport(Code, version, ReportTally));
    }

    private void Confirmed(string parentCode, long version, UpwardReport report, ReportAck ack)
    {
        if (ack.Refused)
        {
            return;
        }

        if (ack.NeedsFull)
        {
            // Not applied: flush again, with the whole tally.
            _dirty = true;
            return;
        }

        if (report.Delta is { } delta)
        {
            _parentHolds.Add(delta.Delta, 1);
        }
        else
        {
            _parentHolds.Set(report.Whole!.Tally);
        }

        _parentHoldsFor = parentCode;
        _parentHoldsVersion = version;
    }

    private readonly record struct UpwardReport(ChildDelta? Delta, ChildReport? Whole)
    {
        public Task<ReportAck> SendAsync(IUnitGrain parent) => Delta is { } delta ? parent.ReportChildDelta(delta) : parent.ReportChild(Whole!);
    }
}
