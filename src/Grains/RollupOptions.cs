namespace DanVanKheo.Grains;

/// <summary>Bound from configuration section <c>Rollup</c>.</summary>
public sealed class RollupOptions
{
    public const string Section = "Rollup";

    /// <summary>
    /// A unit sends its tally upward at most once per interval: at once after a quiet spell, later under
    /// load. The lag from a model change to the national tally is at most depth × interval plus work.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The flush interval of provinces and the national unit instead of <see cref="FlushInterval"/>. Every update waits
    /// for a flush at each busy level, on average half an interval, and these levels are always busy; but they are few
    /// (64 of the country's 91,000 units), so a shorter interval here costs a few hundred messages a second whatever the
    /// write rate, where the same at district level would cost a message for nearly every update.
    /// </summary>
    public TimeSpan TopFlushInterval { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>The flush interval of a unit of <paramref name="level"/> (null while the unit is not defined).</summary>
    public TimeSpan FlushIntervalOf(Level? level) => level is Level.Province or Level.National ? TopFlushInterval : FlushInterval;

    /// <summary>
    /// Least time between two state writes of one unit. Zero writes as soon as the previous write ends; with a
    /// database, a short wait lets one write carry the reports of many models (the silo sets 100 ms for PostgreSQL
    /// unless configured). A quiet unit still writes at once.
    /// </summary>
    public TimeSpan WriteInterval { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Keep a persistent reminder while a unit's report is unconfirmed, so that a crashed silo's units re-send
    /// (see <see cref="UnitGrain"/>'s reminder part). Only worth it when state and reminders outlive a silo: with
    /// in-memory storage a crash loses the state anyway, and Orleans' in-memory reminder table is one grain that
    /// every busy unit would call (with 91,000 units it fell 30 s behind and stalled the whole-country load test),
    /// so the silo turns it off for Memory and LocalMemory storage unless configured.
    /// </summary>
    public bool ResendReminders { get; set; } = true;

    /// <summary>
    /// Units and models write their state only when they deactivate. Only for storage that lives in the silo process itself
    /// (LocalMemory): there a write protects nothing the activation does not already hold, since a crash loses both,
    /// while each write costs a snapshot of the unit's children and models that the garbage collector then has to
    /// promote (a fifth of the silo's allocations in the load test). The silo turns it on for LocalMemory storage
    /// unless configured; never with a database or Orleans' memory storage (which outlives a silo of the cluster).
    /// </summary>
    public bool WriteBehind { get; set; }

    /// <summary>
    /// With <see cref="WriteBehind"/>, units send their reports upward one-way (<see cref="IUnitGrain.PushChild"/>): the
    /// sender does not wait for an answer, and the parent answers only a report it did not apply. A one-way call costs
    /// the silo about half an awaited one (no response message, no callback, no second turn on the sender; measured with
    /// a one-way variant of <c>dvk benchmark hops</c>, see docs/performance.md, tenth step), and with write-behind an
    /// answer would confirm nothing a crash would not lose anyway.
    /// Without write-behind the parent's answer means "stored", which the re-send reminders rely on, so reports are
    /// always awaited there.
    /// </summary>
    public bool OneWayReports { get; set; } = true;

    /// <summary>
    /// Whether a deactivation must store what the activation holds. Not when the silo shuts down with write-behind: the
    /// store lives in this process and ends with it, and writing every activation back (a million models in the load test)
    /// only held up the shutdown until Orleans cancelled it and logged a failed write for each.
    /// </summary>
    public bool StoresOnDeactivation(DeactivationReason reason) => !(WriteBehind && reason.ReasonCode == DeactivationReasonCode.ShuttingDown);

    /// <summary>True when units push their reports one-way (<see cref="OneWayReports"/> and <see cref="WriteBehind"/>).</summary>
    public bool PushReports => OneWayReports && WriteBehind;

    /// <summary>Wait before re-sending a report the parent did not confirm.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
