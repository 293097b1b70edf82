namespace DanVanKheo.Import;

/// <summary>
/// Retries a call that failed for a reason outside the request (a silo died, a timeout). Every grain
/// call here is idempotent, so a retry cannot count twice; a refusal (<see cref="DvkException"/>) is final.
/// </summary>
public static class Retry
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, int attempts = 8, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (exception is not DvkException && attempt < attempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }
}
