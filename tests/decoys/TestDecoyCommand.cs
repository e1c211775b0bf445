using System.Management.Automation;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;

namespace Decoy
{
    /// <summary>Uses both libraries and says which versions it got, so a test sees that they still work.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "Decoy")]
    public sealed class TestDecoyCommand : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            using (var cache = new MemoryCache(new MemoryCacheOptions()))
            {
                cache.Set("greeting", "cached");
                var json = JsonSerializer.Serialize(new[] { (string)cache.Get("greeting") });
                WriteObject($"caching {typeof(MemoryCache).Assembly.GetName().Version} json {typeof(JsonSerializer).Assembly.GetName().Version} {json}");
            }
        }
    }
}
