namespace DanVanKheo.Client.Load;

/// <summary>Where the load test reports its progress (a Spectre progress bar in <c>dvk</c>).</summary>
public interface ILoadProgress
{
    void Phase(string name, long total);

    void Advance(int done);

    void Status(string text);

    void Done();
}
