using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace DrupalOAuth.Benchmarks;

public static class Program
{
    /// <summary>
    /// `dotnet run -c Release --project bench/DrupalOAuth.Benchmarks -- --filter '*'`; any BenchmarkDotNet option works
    /// (`--list flat`, `--filter '*Json*'`, `--job short` for the usual short job instead of this one).
    /// </summary>
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, args.Any(a => a == "--job" || a == "-j") ? null : Quick);

    /// <summary>
    /// A short job, so that the whole suite runs in a few minutes on 2 cores: one process per benchmark, 2 warm-up
    /// and 6 measured iterations of about 500 ms. Good for ratios and allocations, not for small differences.
    /// </summary>
    private static IConfig Quick { get; } = DefaultConfig.Instance.AddJob(
        Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(6)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(500))
            .WithId("Quick")
            .AsDefault());
}
