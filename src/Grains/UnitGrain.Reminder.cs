namespace DanVanKheo.Grains;

/// <summary>
/// Crash safety of the upward report. From the moment a unit acknowledges a change (a model or child report,
/// a detach) until its parent has confirmed a report that includes it, a persistent reminder exists. If the
/// silo dies in between, the reminder re-activates the unit on another silo, and activation re-sends the
/// report under a new version. Once everything is confirmed the reminder is removed, so a quiet unit costs
/// nothing; a busy one pays one reminder write per busy period, not one per report.
/// </summary>
public sealed partial class UnitGrain : IRemindable
{
    public const string ResendReminder = "dvk-resend-report";

    private static readonly TimeSpan ResendPeriod = TimeSpan.FromMinutes(1);

    private Task? _reminderRegistration;

    /// <summary>True from a change until the parent confirmed a report sent after it.</summary>
    private bool _unconfirmed;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResendReminder)
        {
            return;
        }

        if (_unconfirmed && _state.Definition?.ParentCode is not null && _state.MergedInto is null)
        {
            // Not confirmed yet (or this activation was started by the reminder): make sure a report is on its way.
            _dirty = true;
            ScheduleFlush();
            return;
        }

        _reminderRegistration = null;
        if (await this.GetReminder(ResendReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Stores every change made so far, and makes sure the reminder exists before the sender hears "stored".</summary>
    private async Task AcknowledgeAsync()
    {
        if (_options.ResendReminders && _unconfirmed && _state.Definition?.ParentCode is not null && _state.MergedInto is null)
        {
            await Task.WhenAll(EnsureStoredAsync(), EnsureReminderAsync());
        }
        else
        {
            await EnsureStoredAsync();
        }
    }

    private async Task EnsureReminderAsync()
    {
        _reminderRegistration ??= this.RegisterOrUpdateReminder(ResendReminder, ResendPeriod, ResendPeriod);
        try
        {
            await _reminderRegistration;
        }
        catch
        {
            _reminderRegistration = null;
            throw;
        }
    }
}
