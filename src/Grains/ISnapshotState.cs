namespace DanVanKheo.Grains;

/// <summary>
/// A state type whose grain hands storage a new object on every write (a snapshot) and never changes it
/// afterwards. An in-process store may then keep the written object as it is instead of deep-copying it
/// (it still copies on read, because the grain works on what it reads).
/// </summary>
public interface ISnapshotState;
