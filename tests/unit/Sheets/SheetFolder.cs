namespace DrupalOAuth.Tests.Sheets;

/// <summary>A folder of its own for one test's sheet files, removed after.</summary>
public sealed class SheetFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("drupaloauth-sheets-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>What the folder holds, by name: a writer must leave no temporary file behind.</summary>
    public IReadOnlyList<string> Names() =>
        Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList()!;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
