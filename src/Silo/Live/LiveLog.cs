namespace DanVanKheo.Silo.Live;

internal static partial class LiveLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-subscribing to unit {Code} failed; will retry")]
    public static partial void ResubscribeFailed(ILogger logger, Exception exception, string code);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unsubscribing from unit {Code} failed")]
    public static partial void UnsubscribeFailed(ILogger logger, Exception exception, string code);
}
