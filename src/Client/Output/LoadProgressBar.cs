using DanVanKheo.Client.Load;
using Spectre.Console;

namespace DanVanKheo.Client.Output;

/// <summary>One progress bar per load-test phase; the current phase's description carries the live rate and lag.</summary>
public sealed class LoadProgressBar(ProgressContext context) : ILoadProgress
{
    private ProgressTask? _task;
    private string _name = "";

    public void Phase(string name, long total)
    {
        Finish();
        _name = name;
        _task = context.AddTask(Markup.Escape(name), maxValue: Math.Max(total, 1));
    }

    public void Advance(int done) => _task?.Increment(done);

    public void Status(string text)
    {
        if (_task is not null)
        {
            _task.Description = Markup.Escape($"{_name}: {text}");
        }
    }

    public void Done() => Finish();

    private void Finish()
    {
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
            _task.StopTask();
        }
    }
}
