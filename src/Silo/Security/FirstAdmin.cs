using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace DanVanKheo.Silo.Security;

/// <summary>
/// On a system with no account yet, creates the first admin (scope VN) from <c>Auth:AdminUser</c> and
/// <c>Auth:AdminPassword</c>; with no password configured it generates one and prints it once.
/// </summary>
public sealed partial class FirstAdmin(AccountService accounts, IOptions<AuthSettings> settings, IHostApplicationLifetime lifetime, ILogger<FirstAdmin> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls need the silo, which starts with the host: wait for it.
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        if ((await accounts.ListAsync()).Length > 0)
        {
            return;
        }

        var password = settings.Value.AdminPassword;
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
        }

        Account account;
        try
        {
            account = await accounts.CreateAsync(settings.Value.AdminUser, "Quản trị / Administrator", Role.Admin, Rules.NationalCode, password);
        }
        catch (DvkException exception) when (exception.Problem == "duplicate-account")
        {
            // Another silo of the cluster created it first.
            return;
        }

        if (generated)
        {
            Console.WriteLine($"  Đăng nhập / sign in: user '{account.UserName}', password '{password}' (generated; set Auth__AdminPassword to choose one)");
        }
        else
        {
            LogCreated(logger, account.UserName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "First admin account '{UserName}' created from configuration")]
    private static partial void LogCreated(ILogger logger, string userName);
}
