using DrupalOAuth.Errors;
using DrupalOAuth.Sheets;
using Xunit;

namespace DrupalOAuth.Tests.Sheets;

public sealed class CellListTests
{
    public static TheoryData<string[], string> Joined => new()
    {
        { new[] { "alpha", "beta" }, "alpha; beta" },
        { new[] { "alpha" }, "alpha" },
        { Array.Empty<string>(), "" },
        { new[] { "a; b", "c" }, "\"a; b\"; c" },
        { new[] { "a;b" }, "\"a;b\"" },
        { new[] { "say \"hi\"" }, "say \"hi\"" },
        { new[] { "\"quoted\"" }, "\"\"\"quoted\"\"\"" },
        { new[] { " padded " }, "\" padded \"" },
        { new[] { "" }, "\"\"" },
        { new[] { "Grüße", "東京" }, "Grüße; 東京" },
    };

    [Theory]
    [MemberData(nameof(Joined))]
    public void Join_quotes_only_what_would_not_split_back(string[] values, string cell)
    {
        Assert.Equal(cell, CellList.Join(values, CellList.DefaultDelimiter));
        Assert.Equal(values, CellList.Split(cell, CellList.DefaultDelimiter));
    }

    [Theory]
    [InlineData("alpha;beta", new[] { "alpha", "beta" })]
    [InlineData("  alpha ;  beta  ", new[] { "alpha", "beta" })]
    [InlineData("alpha;; ;beta;", new[] { "alpha", "beta" })]
    [InlineData("", new string[0])]
    [InlineData("   ", new string[0])]
    [InlineData("\"a; b\" ; c", new[] { "a; b", "c" })]
    [InlineData("\"unclosed; c", new[] { "\"unclosed", "c" })]
    [InlineData("\"a\"x; c", new[] { "ax", "c" })]
    [InlineData("say \"hi\"; c", new[] { "say \"hi\"", "c" })]
    public void Split_reads_what_people_type(string cell, string[] values)
    {
        Assert.Equal(values, CellList.Split(cell, CellList.DefaultDelimiter));
    }

    [Theory]
    [InlineData("|")]
    [InlineData(" | ")]
    [InlineData(";")]
    [InlineData(", ")]
    [InlineData("||")]
    [InlineData(" ")]
    [InlineData("\n")]
    public void Any_delimiter_splits_back_what_it_joined(string delimiter)
    {
        var values = new[] { "plain", "with | bar", "with, comma", "with; semicolon", " spaced ", "\"q\"", "", "two  spaces", "line\nbreak" };

        Assert.Equal(values, CellList.Split(CellList.Join(values, delimiter), delimiter));
    }

    [Fact]
    public void Round_trip_holds_over_many_generated_lists()
    {
        var random = new Random(15);
        const string alphabet = "ab ;\"|,x\t\u00e9\u6771";
        foreach (var delimiter in new[] { CellList.DefaultDelimiter, "|", ", " })
        {
            for (var run = 0; run < 2000; run++)
            {
                var values = Enumerable.Range(0, random.Next(0, 5))
                    .Select(_ => new string(Enumerable.Range(0, random.Next(0, 6)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
                    .ToArray();

                Assert.Equal(values, CellList.Split(CellList.Join(values, delimiter), delimiter));
            }
        }
    }

    [Fact]
    public void An_empty_delimiter_is_refused_with_what_to_give()
    {
        var error = Assert.Throws<DrupalException>(() => CellList.Split("a", ""));

        Assert.Equal("InvalidDelimiter", error.ErrorId);
        Assert.Contains("-Delimiter", error.Message);
    }
}
