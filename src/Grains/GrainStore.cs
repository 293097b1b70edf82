using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace DanVanKheo.Grains;

/// <summary>
/// One grain's state in an <see cref="IGrainStorage"/>, read and written without Orleans' persistent-state facet
/// (<c>[PersistentState]</c>). The facet gives each activation a bridge made by reflection, a migration participant and
/// a lifecycle to run before the grain's own activation (its observers grouped by stage, a task per stage). A model is
/// activated by nearly every registration, a quarter of the load test's updates, so that was a share of what a
/// registration cost. The rows are the facet's: the same state name, grain id and ETag handling.
/// </summary>
/// <remarks>
/// What the facet did and this does not: migration of the state with the activation (models are never migrated: the
/// cluster's placement keeps them where they were activated). Orleans' storage latency instruments belong to the facet;
/// ours (<see cref="RollupMetrics.StorageDone"/>) take their place.
/// </remarks>
internal sealed partial class GrainStore<T>(IGrainStorage storage, string name, GrainId id, RollupMetrics metrics, ILogger logger)
    where T : class, new()
{
    private const string Read = "read";
    private const string Write = "write";

    private readonly GrainState<T> _state = new(new T());

    /// <summary>Never null: a store that found nothing leaves a new state (<see cref="Loaded"/>).</summary>
    public T State => _state.State ?? throw new InvalidOperationException($"state {name} of grain {id} was not read");

    /// <summary>Reads the stored state; completes at once when the storage does (the in-process store always does).</summary>
    public Task ReadAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var read = Start(() => storage.ReadStateAsync(name, id, _state));
        if (read.IsCompletedSuccessfully)
        {
            metrics.StorageDone(name, Read, started, failed: false);
            Loaded();
            return Task.CompletedTask;
        }

        return ReadAfterAsync(read, started);
    }

    public Task WriteAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var write = Start(() => storage.WriteStateAsync(name, id, _state));
        if (write.IsCompletedSuccessfully)
        {
            metrics.StorageDone(name, Write, started, failed: false);
            return Task.CompletedTask;
        }

        return WhenDoneAsync(write, Write, started);
    }

    private async Task ReadAfterAsync(Task read, long started)
    {
        await WhenDoneAsync(read, Read, started);
        Loaded();
    }

    /// <summary>A store that found nothing may leave no state at all.</summary>
    private void Loaded() => _state.State ??= new T();

    private static Task Start(Func<Task> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception exception)
        {
            // Thrown before a task was made: handled like a failed task (WhenDoneAsync wraps it).
            return Task.FromException(exception);
        }
    }

    private async Task WhenDoneAsync(Task operation, string what, long started)
    {
        var failed = true;
        try
        {
            await operation;
            failed = false;
        }
        catch (Exception exception) when (exception is not OrleansException and not OperationCanceledException)
        {
            throw Failed(what, exception);
        }
        finally
        {
            metrics.StorageDone(name, what, started, failed);
        }
    }

    /// <summary>Logged, and wrapped as the facet did, so that callers (dvk's messages) see an <see cref="OrleansException"/> naming the grain.</summary>
    private OrleansException Failed(string what, Exception exception)
    {
        LogFailed(logger, exception, what, name, id);
        return new OrleansException($"Storage {what} of '{name}' for grain {id} failed: {exception.Message}", exception);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage {Operation} of state {Name} for grain {GrainId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string operation, string name, GrainId grainId);
}
