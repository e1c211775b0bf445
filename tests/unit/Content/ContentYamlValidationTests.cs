using System.Text;
using DrupalOAuth.Content;
using DrupalOAuth.Errors;
using DrupalOAuth.Tests.Support;
using Xunit;

namespace DrupalOAuth.Tests.Content;

/// <summary>A file that is no default-content entity is refused with InvalidContentFile, naming the file and the line.</summary>
public sealed class ContentYamlValidationTests
{
    private const string Uuid = ContentYamlTests.NodeUuid;

    public static TheoryData<string, string, int> Invalid() => new()
    {
        { "an empty file", "", 1 },
        { "a list at the top", "- a\n- b\n", 1 },
        { "no _meta", "default:\n  title:\n    - value: x\n", 1 },
        { "_meta not a mapping", "_meta: node\ndefault: {  }\n", 1 },
        { "no entity type", $"_meta:\n  uuid: {Uuid}\ndefault: {{  }}\n", 1 },
        { "an entity type that is a list", $"_meta:\n  uuid: {Uuid}\n  entity_type: [node]\ndefault: {{  }}\n", 3 },
        { "no uuid", "_meta:\n  entity_type: node\ndefault: {  }\n", 1 },
        { "a uuid that is not one", "_meta:\n  entity_type: node\n  uuid: 12\ndefault: {  }\n", 3 },
        { "a bundle that is a number", $"_meta:\n  entity_type: node\n  uuid: {Uuid}\n  bundle: 12\ndefault: {{  }}\n", 4 },
        { "depends that is a list", $"_meta:\n  entity_type: node\n  uuid: {Uuid}\n  depends: [a]\ndefault: {{  }}\n", 4 },
        { "depends on something that is no uuid", $"_meta:\n  entity_type: node\n  uuid: {Uuid}\n  depends:\n    x: user\ndefault: {{  }}\n", 5 },
        { "no default", $"_meta:\n  entity_type: node\n  uuid: {Uuid}\n", 1 },
        { "default that is a list", $"_meta:\n  entity_type: node\n  uuid: {Uuid}\ndefault:\n  - x\n", 4 },
        { "a field that is a scalar", $"_meta:\n  entity_type: node\n  uuid: {Uuid}\ndefault:\n  title: x\n", 5 },
        { "a field item that is a scalar", $"_meta:\n  entity_type: node\n  uuid: {Uuid}\ndefault:\n  title:\n    - x\n", 6 },
        { "a translation that is a scalar", $"_meta:\n  entity_type: node\n  uuid: {Uuid}\ndefault: {{  }}\ntranslations:\n  fr: x\n", 6 },
        { "a translated field that is no list", $"_meta:\n  entity_type: node\n  uuid: {Uuid}\ndefault: {{  }}\ntranslations:\n  fr:\n    title: x\n", 7 },
        { "a key twice", $"_meta:\n  entity_type: node\n  uuid: {Uuid}\ndefault:\n  title:\n    - value: a\n  title:\n    - value: b\n", 7 },
        { "YAML that does not parse", $"_meta:\n  entity_type: node\n  uuid: {Uuid}\ndefault:\n  title: [{{ value: a }}\n", 6 },
        { "a tab for indentation (YamlDotNet reads it as part of the scalar before)", $"_meta:\n  entity_type: node\n\tuuid: {Uuid}\n", 2 },
        { "two documents", $"_meta: {{entity_type: node, uuid: {Uuid}}}\ndefault: {{  }}\n---\na: b\n", 3 },
        { "an alias", $"_meta: &m {{entity_type: node, uuid: {Uuid}}}\ndefault: *m\n", 2 },
        { "a tag core does not use", $"_meta: {{entity_type: node, uuid: {Uuid}}}\ndefault:\n  title:\n    - value: !php/const PHP_EOL\n", 4 },
        { "!!binary that is no base64", $"_meta: {{entity_type: node, uuid: {Uuid}}}\ndefault:\n  title:\n    - value: !!binary '@@'\n", 4 },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_file_is_refused_naming_the_file_and_the_line(string what, string yaml, int line)
    {
        var e = DrupalAssert.Fails("InvalidContentFile", () => ContentYaml.Read(new StringReader(yaml), "content/node/bad.yml"));

        Assert.Equal(DrupalErrorCategory.InvalidData, e.Category);
        Assert.Equal("content/node/bad.yml", e.Target);
        Assert.StartsWith("'content/node/bad.yml', line " + line + " ", e.Message);
        Assert.NotEmpty(what);
    }

    [Fact]
    public void A_file_that_is_not_UTF8_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes($"_meta: {{entity_type: node, uuid: {Uuid}}}\ndefault:\n  title:\n    - value: ").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, true));

        var e = DrupalAssert.Fails("InvalidContentFile", () => ContentYaml.Read(reader, "bad.yml"));
        Assert.Contains("not UTF-8", e.Message);
    }

    [Fact]
    public void The_minimal_file_core_reads_is_enough()
    {
        var read = ContentYaml.Read(new StringReader($"_meta:\n  entity_type: node\n  uuid: {Uuid}\ndefault:\n  title: {{  }}\nextra: ignored\n"), "x.yml");

        Assert.Null(read.Bundle);
        Assert.Null(read.DefaultLangcode);
        Assert.Empty(read.Depends);
        Assert.Equal(new List<object?>(), read.Fields["title"]);
        Assert.Empty(read.Translations);
    }
}
