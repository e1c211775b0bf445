using System.Globalization;

namespace DrupalTestServer;

/// <summary>The command line: <c>[--port-file PATH] [--parent-pid PID] [--max-lifetime-sec N] [--drupal-version 10|11]</c>.</summary>
public sealed record ServerOptions(string? PortFile, int? ParentPid, TimeSpan MaxLifetime, int DrupalVersion = Site.DrupalVersion.Drupal10)
{
    public const string Usage = "Usage: DrupalTestServer [--port-file PATH] [--parent-pid PID] [--max-lifetime-sec N] [--drupal-version 10|11]";

    /// <exception cref="FormatException">An unknown option, a missing value or a bad number; test scripts should fail loudly.</exception>
    public static ServerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ServerOptions(null, null, TimeSpan.FromSeconds(1800));
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : throw new FormatException($"{name} needs a value.");
            options = name switch
            {
                "--port-file" => options with { PortFile = value },
                "--parent-pid" => options with { ParentPid = int.Parse(value, CultureInfo.InvariantCulture) },
                "--max-lifetime-sec" => options with { MaxLifetime = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture)) },
                "--drupal-version" => int.Parse(value, CultureInfo.InvariantCulture) is var version && Site.DrupalVersion.IsKnown(version)
                    ? options with { DrupalVersion = version }
                    : throw new FormatException($"--drupal-version must be 10 or 11, not {value}."),
                _ => throw new FormatException($"Unknown option {name}."),
            };
        }
        return options;
    }
}
