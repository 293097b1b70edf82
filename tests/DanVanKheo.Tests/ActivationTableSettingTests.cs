using DanVanKheo.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DanVanKheo.Tests;

/// <summary>What <c>Orleans:ActivationCapacity</c> gives Orleans' activation directory (a started silo: the API tests).</summary>
public sealed class ActivationTableSettingTests
{
    private static readonly Type DirectoryType = Type.GetType("Orleans.Runtime.ActivationDirectory, Orleans.Runtime", throwOnError: true)!;

    [Theory]
    [InlineData(null, ActivationTable.DefaultCapacity)]
    [InlineData("1000", 1000)]
    public async Task The_directory_gets_an_empty_table_of_the_capacity(string? setting, int capacity)
    {
        var builder = SiloSettings.Builder("LocalMemory", (ActivationTable.SettingKey, setting));
        builder.AddDanVanKheoSilo();
        await using var app = builder.Build();

        Assert.NotNull(app.Services.GetService(DirectoryType));
        var table = app.Services.GetRequiredService<ActivationTable>();

        Assert.Equal(capacity, table.Capacity);
        Assert.NotNull(table.Table);
        Assert.True(table.Table.IsEmpty);
    }

    [Fact]
    public async Task Zero_leaves_Orleans_its_own_table()
    {
        var builder = SiloSettings.Builder("Postgres", (ActivationTable.SettingKey, "0"));
        builder.AddDanVanKheoSilo();
        await using var app = builder.Build();

        Assert.NotNull(app.Services.GetService(DirectoryType));
        Assert.Null(app.Services.GetRequiredService<ActivationTable>().Table);
    }

    [Fact]
    public async Task A_directory_type_that_is_not_found_leaves_Orleans_its_table_and_is_logged_at_start()
    {
        var logged = new ListLogger();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders().AddProvider(logged);
        builder.UseOrleans(silo => silo.UseLocalhostClustering().UseActivationCapacity(1000, "Orleans.Runtime.NoSuchDirectory, Orleans.Runtime"));
        await using var app = builder.Build();

        Assert.Null(app.Services.GetRequiredService<ActivationTable>().Table);
        var warning = Assert.Single(app.Services.GetServices<IHostedService>().OfType<ActivationTableNotFound>());
        await warning.StartAsync(CancellationToken.None);

        Assert.Contains(logged.Lines, line => line.Contains("Orleans.Runtime.NoSuchDirectory", StringComparison.Ordinal) && line.Contains("has no effect", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("many")]
    public void A_capacity_that_is_not_a_count_is_refused_by_name(string setting)
    {
        var builder = SiloSettings.Builder("LocalMemory", (ActivationTable.SettingKey, setting));

        var refused = Assert.Throws<InvalidOperationException>(() => builder.AddDanVanKheoSilo());

        Assert.Contains($"Orleans:ActivationCapacity '{setting}' is not a number of activations", refused.Message);
    }

    private sealed class ListLogger : ILoggerProvider, ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (_lines)
                {
                    _lines.Add(formatter(state, exception));
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
