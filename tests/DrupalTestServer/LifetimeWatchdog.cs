using System.Diagnostics;

namespace DrupalTestServer;

/// <summary>
/// Stops the server when the process that started it is gone or its lifetime is over, so that
/// a test run that crashes or forgets to stop it leaves no server behind.
/// </summary>
public sealed class LifetimeWatchdog(ServerOptions options, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var age = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (StopReason(age.Elapsed) is { } reason)
                {
                    lifetime.StopApplication();
                    Announce(reason);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping for another reason.
        }
    }

    /// <summary>Best effort: stdout may be a pipe that the parent read, and the parent may be gone.</summary>
    private static void Announce(string reason)
    {
        try
        {
            Console.WriteLine(reason);
        }
        catch (IOException)
        {
            // Nobody is listening any more.
        }
    }

    private string? StopReason(TimeSpan age)
    {
        if (age >= options.MaxLifetime)
            return $"Maximum lifetime of {options.MaxLifetime.TotalSeconds} s reached; stopping.";
        if (options.ParentPid is { } pid && !IsRunning(pid))
            return $"Parent process {pid} has exited; stopping.";
        return null;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
