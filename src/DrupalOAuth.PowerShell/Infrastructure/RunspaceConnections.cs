using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using DrupalOAuth.Connections;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>
    /// The connections of the runspace that is running: each runspace (a runbook job, a thread job, a
    /// ForEach-Object -Parallel worker) has its own names and its own current connection, and none of them sees or
    /// ends another's. A registry goes with its runspace: its connections are closed when the runspace is.
    /// </summary>
    internal static class RunspaceConnections
    {
        private static readonly ConditionalWeakTable<Runspace, ConnectionRegistry> Registries = new ConditionalWeakTable<Runspace, ConnectionRegistry>();

        /// <summary>Where there is no runspace on the thread (a host calling in by hand): connections of no runspace.</summary>
        private static readonly ConnectionRegistry Unowned = new ConnectionRegistry();

        public static ConnectionRegistry Current =>
            Runspace.DefaultRunspace is { } runspace ? Registries.GetValue(runspace, Create) : Unowned;

        private static ConnectionRegistry Create(Runspace runspace)
        {
            var registry = new ConnectionRegistry();
            runspace.StateChanged += (sender, e) =>
            {
                if (e.RunspaceStateInfo.State == RunspaceState.Closed)
                {
                    registry.Clear();
                }
            };
            return registry;
        }
    }
}
