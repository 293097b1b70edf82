using DanVanKheo.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddDanVanKheoSilo();

var app = builder.Build();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.PrintWhenStarted();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
