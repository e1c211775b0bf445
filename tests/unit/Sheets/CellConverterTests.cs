using System.Globalization;
using System.Management.Automation;
using DrupalOAuth.Sheets;
using Xunit;

namespace DrupalOAuth.Tests.Sheets;

/// <summary>Runs under a German culture (a decimal comma, dd.MM.yyyy), to prove no conversion reads the current culture.</summary>
public sealed class CellConverterTests : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;

    public CellConverterTests()
    {
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
    }

    public static TheoryData<string, object, object> Converted => new()
    {
        { "Boolean", "true", true },
        { "Boolean", "TRUE", true },
        { "Boolean", "True", true },
        { "Boolean", " true ", true },
        { "Boolean", "false", false },
        { "Boolean", "FALSE", false },
        { "Boolean", "1", true },
        { "Boolean", "0", false },
        { "Boolean", "yes", true },
        { "Boolean", "Yes", true },
        { "Boolean", "no", false },
        { "Boolean", "y", true },
        { "Boolean", "N", false },
        { "Boolean", true, true },
        { "Boolean", false, false },
        { "Boolean", 1L, true },
        { "Boolean", 0, false },
        { "Boolean", 1.0, true },
        { "Integer", "7", 7L },
        { "Integer", " -7 ", -7L },
        { "Integer", "+7", 7L },
        { "Integer", "7.0", 7L },
        { "Integer", "1e3", 1000L },
        { "Integer", 7, 7L },
        { "Integer", 7L, 7L },
        { "Integer", 7.0, 7L },
        { "Integer", 7m, 7L },
        { "Integer", "9223372036854775807", long.MaxValue },
        { "Number", "7.5", 7.5 },
        { "Number", "-0.25", -0.25 },
        { "Number", "7", 7.0 },
        { "Number", "1e3", 1000.0 },
        { "Number", 7.5, 7.5 },
        { "Number", 7L, 7.0 },
        { "Number", 7.5m, 7.5 },
        { "Number", 2.5f, 2.5 },
        { "Timestamp", "2024-01-02T03:04:05+00:00", "2024-01-02T03:04:05+00:00" },
        { "Timestamp", "2024-01-02T03:04:05Z", "2024-01-02T03:04:05+00:00" },
        { "Timestamp", "2024-01-02T04:04:05+01:00", "2024-01-02T03:04:05+00:00" },
        { "Timestamp", "2024-01-02T04:04:05+0100", "2024-01-02T03:04:05+00:00" },
        { "Timestamp", "2024-01-02T03:04:05.678Z", "2024-01-02T03:04:05+00:00" },
        { "Timestamp", "2024-01-02T03:04:05", "2024-01-02T03:04:05+00:00" },
        { "Timestamp", "2024-01-02T03:04", "2024-01-02T03:04:00+00:00" },
        { "Timestamp", "2024-01-02 03:04:05", "2024-01-02T03:04:05+00:00" },
        { "Timestamp", "2024-01-02", "2024-01-02T00:00:00+00:00" },
        { "Timestamp", "1700000000", "2023-11-14T22:13:20+00:00" },
        { "Timestamp", 1700000000L, "2023-11-14T22:13:20+00:00" },
        { "Timestamp", 1700000000.0, "2023-11-14T22:13:20+00:00" },
        { "Timestamp", new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified), "2024-01-02T03:04:05+00:00" },
        { "Timestamp", new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), "2024-01-02T03:04:05+00:00" },
        { "Timestamp", new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified).AddTicks(-1), "2024-01-02T03:04:05+00:00" },
        { "Timestamp", new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified).AddMilliseconds(2), "2024-01-02T03:04:05+00:00" },
        { "Timestamp", DateTime.MaxValue, "9999-12-31T23:59:59+00:00" },
        { "Timestamp", DateTime.FromOADate(new DateTime(2024, 1, 2, 3, 4, 5).ToOADate() - 1e-10), "2024-01-02T03:04:05+00:00" },
        { "Timestamp", new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)), "2024-01-02T03:04:05+00:00" },
        { "Date", "2024-01-02", "2024-01-02" },
        { "Date", " 2024-01-02 ", "2024-01-02" },
        { "Date", "2024-01-02T03:04:05", "2024-01-02T03:04:05" },
        { "Date", "2024-01-02T03:04:05+02:00", "2024-01-02T03:04:05+02:00" },
        { "Date", new DateTime(2024, 1, 2), "2024-01-02" },
        { "Date", new DateTime(2024, 1, 2, 3, 4, 5), "2024-01-02T03:04:05" },
        { "Date", new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero), "2024-01-02" },
        { "Text", "hello", "hello" },
        { "Text", " spaced ", " spaced " },
        { "Text", 7.0, "7" },
        { "Text", 7.5, "7.5" },
        { "Text", 0.1, "0.1" },
        { "Text", 1234567.0, "1234567" },
        { "Text", 7L, "7" },
        { "Text", 7.50m, "7.5" },
        { "Text", true, "true" },
        { "Text", new DateTime(2024, 1, 2), "2024-01-02" },
        { "Text", new DateTime(2024, 1, 2, 3, 4, 5), "2024-01-02T03:04:05+00:00" },
        { "Text", new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), "2024-01-02T03:04:05+02:00" },
        { "Unknown", 7.0, "7" },
        { "Unknown", "Grüße 東京", "Grüße 東京" },
        { "Unknown", new PSObject("wrapped"), "wrapped" },
    };

    public static TheoryData<string, object, string> Refused => new()
    {
        { "Boolean", "maybe", CellConverter.ExpectedBoolean },
        { "Boolean", "2", CellConverter.ExpectedBoolean },
        { "Boolean", "wahr", CellConverter.ExpectedBoolean },
        { "Boolean", 2L, CellConverter.ExpectedBoolean },
        { "Boolean", 0.5, CellConverter.ExpectedBoolean },
        { "Integer", "7.5", CellConverter.ExpectedInteger },
        { "Integer", "7,5", CellConverter.ExpectedInteger },
        { "Integer", "1,000", CellConverter.ExpectedInteger },
        { "Integer", "seven", CellConverter.ExpectedInteger },
        { "Integer", 7.5, CellConverter.ExpectedInteger },
        { "Integer", true, CellConverter.ExpectedInteger },
        { "Integer", "99999999999999999999", CellConverter.ExpectedInteger },
        { "Number", "7,5", CellConverter.ExpectedNumber },
        { "Number", "1.000,5", CellConverter.ExpectedNumber },
        { "Number", "NaN", CellConverter.ExpectedNumber },
        { "Number", "Infinity", CellConverter.ExpectedNumber },
        { "Number", double.NaN, CellConverter.ExpectedNumber },
        { "Number", true, CellConverter.ExpectedNumber },
        { "Timestamp", "02.01.2024", CellConverter.ExpectedTimestamp },
        { "Timestamp", "01/02/2024", CellConverter.ExpectedTimestamp },
        { "Timestamp", "2024-13-01", CellConverter.ExpectedTimestamp },
        { "Timestamp", "tomorrow", CellConverter.ExpectedTimestamp },
        { "Timestamp", true, CellConverter.ExpectedTimestamp },
        { "Timestamp", 1.5, CellConverter.ExpectedTimestamp },
        { "Date", "02.01.2024", CellConverter.ExpectedDate },
        { "Date", "2024-02-30", CellConverter.ExpectedDate },
        { "Date", 45293.0, CellConverter.ExpectedDate },
        { "Date", true, CellConverter.ExpectedDate },
    };

    [Fact]
    public void These_tests_run_under_a_culture_with_a_decimal_comma()
    {
        Assert.Equal("de-DE", CultureInfo.CurrentCulture.Name);
        Assert.Equal("7,5", 7.5.ToString());
    }

    [Theory]
    [MemberData(nameof(Converted))]
    public void A_cell_in_each_form_becomes_the_JSON_value_its_field_takes(string kind, object cell, object expected)
    {
        Assert.True(CellConverter.TryConvert(cell, Shape(kind), out var value, out var message), message);
        Assert.Equal(expected, value);
        Assert.Equal(expected.GetType(), value!.GetType());
        Assert.Null(message);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_cell_its_field_cannot_take_is_refused_with_the_forms_it_takes(string kind, object cell, string expected)
    {
        Assert.False(CellConverter.TryConvert(cell, Shape(kind), out var value, out var message));
        Assert.Null(value);
        Assert.Equal(expected, message);
    }

    [Fact]
    public void The_expected_forms_read_as_people_write_them()
    {
        Assert.Equal("true or false (also 1 or 0, yes or no)", CellConverter.ExpectedBoolean);
        Assert.Equal("a whole number such as 7", CellConverter.ExpectedInteger);
        Assert.Equal("a number such as 7.5 (with a dot)", CellConverter.ExpectedNumber);
        Assert.Equal("a date and time such as 2024-01-02T03:04:05+00:00, or a date such as 2024-01-02", CellConverter.ExpectedTimestamp);
        Assert.Equal("a date such as 2024-01-02", CellConverter.ExpectedDate);
    }

    [Fact]
    public void A_local_DateTime_is_taken_at_its_instant()
    {
        var local = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Local);

        Assert.True(CellConverter.TryConvert(local, Shape("Timestamp"), out var value, out _));
        Assert.Equal(CellConverter.FormatTimestamp(new DateTimeOffset(local)), value);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData("\t\r\n", true)]
    [InlineData("0", false)]
    [InlineData("x", false)]
    [InlineData(0L, false)]
    [InlineData(false, false)]
    public void Empty_cells_are_null_and_blank_text(object? cell, bool empty)
    {
        Assert.Equal(empty, CellConverter.IsEmpty(cell));
    }

    [Fact]
    public void DBNull_and_wrapped_blanks_are_empty_too()
    {
        Assert.True(CellConverter.IsEmpty(DBNull.Value));
        Assert.True(CellConverter.IsEmpty(new PSObject(" ")));
        Assert.False(CellConverter.IsEmpty(new PSObject("x")));
    }

    [Fact]
    public void Text_of_null_is_empty()
    {
        Assert.Equal(string.Empty, CellConverter.Text(null));
        Assert.Equal(string.Empty, CellConverter.Text(DBNull.Value));
    }

    public static TheoryData<string, object> Exported => new()
    {
        { "Boolean", true },
        { "Boolean", false },
        { "Integer", 7L },
        { "Integer", -12L },
        { "Number", 4.5 },
        { "Number", 0.1 },
        { "Number", 1e-7 },
        { "Timestamp", "2026-01-01T00:01:00+00:00" },
        { "Date", "2024-01-02" },
        { "Text", "Grüße; \"東京\"\r\nline two" },
    };

    [Theory]
    [MemberData(nameof(Exported))]
    public void An_exported_value_read_back_as_typed_or_as_csv_text_is_the_same_JSON_value(string kind, object json)
    {
        var shape = Shape(kind);
        object typed = kind == "Timestamp" ? DateTimeOffset.Parse((string)json, CultureInfo.InvariantCulture) : json;
        var csv = typed is bool flag ? (flag ? "TRUE" : "FALSE") : CellConverter.Text(typed);
        var excel = typed is long whole ? (double)whole : typed is DateTimeOffset instant ? instant.UtcDateTime : typed;

        foreach (var cell in new[] { typed, csv, excel })
        {
            Assert.True(CellConverter.TryConvert(cell, shape, out var value, out _));
            Assert.True(SheetValues.Same(value, json, shape), $"{cell} gave {value}, not {json}");
        }
    }

    private static FieldShape Shape(string kind) => new("f", Enum.Parse<FieldKind>(kind));
}
