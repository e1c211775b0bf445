using DrupalOAuth.Sheets;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Sheets;

/// <summary>What the reader says about a path it cannot read as a sheet.</summary>
public sealed class SheetReaderTests : IDisposable
{
    private readonly SheetFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("missing.csv")]
    [InlineData("missing.xlsx")]
    [InlineData("missing.json")]
    public void A_file_that_is_not_there_is_SheetReadFailed_naming_it(string name)
    {
        var path = _folder.File(name);

        var e = DrupalAssert.Fails("SheetReadFailed", () => SheetReader.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Equal(path, e.Target);
    }

    [Fact]
    public void A_folder_is_InvalidSheet()
    {
        Directory.CreateDirectory(_folder.File("folder.csv"));

        DrupalAssert.Fails("InvalidSheet", () => SheetReader.Read(_folder.File("folder.csv")));
    }

    [Fact]
    public void An_xls_workbook_is_InvalidSheetFormat_saying_how_to_save_it()
    {
        var path = _folder.File("old.xls");
        File.WriteAllBytes(path, new byte[] { 0xD0, 0xCF, 0x11, 0xE0 });

        var e = DrupalAssert.Fails("InvalidSheetFormat", () => SheetReader.Read(path));

        Assert.Contains("'old.xls': use .csv, .xlsx or .json", e.Message);
    }

    [Fact]
    public void A_file_another_program_writes_to_is_still_read()
    {
        var path = _folder.File("open.csv");
        File.WriteAllText(path, "id\r\n1\r\n");
        using var other = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);

        Assert.Single(SheetReader.Read(path).Rows);
    }
}
