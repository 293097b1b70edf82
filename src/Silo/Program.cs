using DanVanKheo.ServiceDefaults;
using DanVanKheo.Silo.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = SiloContentRoot.Choose() });
builder.AddDanVanKheoSilo();
builder.AddDanVanKheoApi();
builder.AddDemoData();
builder.AddDanVanKheoTelemetry("danvankheo-silo");

var app = builder.Build();
app.MapDanVanKheoApi();
app.MapOperatorDashboard();
app.MapDanVanKheoMetrics();
app.PrintWhenStarted();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
