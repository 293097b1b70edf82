using DanVanKheo.Client.Load;
using Spectre.Console;

namespace DanVanKheo.Client.Output;

/// <summary>
/// One progress bar per load-test phase; the current phase's description carries the live rate and lag. Advances reach
/// the bar every 100 ms (<see cref="CoalescedCount"/>), not one by one.
/// </summary>
public sealed class LoadProgressBar : ILoadProgress
{
    private readonly ProgressContext _context;
    private readonly CoalescedCount _done;
    private ProgressTask? _task;
    private string _name = "";

    public LoadProgressBar(ProgressContext context)
    {
        _context = context;
        _done = new CoalescedCount(count => _task?.Increment(count));
    }

    public void Phase(string name, long total)
    {
        Finish();
        _name = name;
        _task = _context.AddTask(Markup.Escape(name), maxValue: Math.Max(total, 1));
    }

    public void Advance(int done) => _done.Add(done);

    public void Status(string text)
    {
        _done.Flush();
        if (_task is not null)
        {
            _task.Description = Markup.Escape($"{_name}: {text}");
        }
    }

    public void Done() => Finish();

    private void Finish()
    {
        _done.Flush();
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
            _task.StopTask();
        }
    }
}
