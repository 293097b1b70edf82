using DanVanKheo.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddDanVanKheoSilo();
builder.AddDanVanKheoApi();
builder.AddDemoData();

var app = builder.Build();
app.MapDanVanKheoApi();
app.MapOperatorDashboard();
app.PrintWhenStarted();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
