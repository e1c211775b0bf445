using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using DrupalOAuth.Connections;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>
    /// Module import and removal. On .NET Framework (Windows PowerShell 5.1) dependencies are not looked for in the
    /// module's folder, and without binding redirects a netstandard dependency asks for other versions of its own
    /// dependencies than ship here: the resolver below loads ours from the module folder by name.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
        private static readonly bool OnNetFramework = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static int _resolverAdded;

        /// <summary>
        /// Each runspace that imports the module calls this; the resolver is added once for the process and stays,
        /// since other runspaces may still use the module when one removes it.
        /// </summary>
        public void OnImport()
        {
            if (OnNetFramework && System.Threading.Interlocked.Exchange(ref _resolverAdded, 1) == 0)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleFolder;

                // Windows PowerShell still offers only older TLS versions on some systems, which sites refuse. Added
                // to what the process allows, never replacing it: other modules in the session may rely on it.
                System.Net.ServicePointManager.SecurityProtocol |= System.Net.SecurityProtocolType.Tls12;
            }
        }

        /// <summary>Remove-Module forgets the connections of the runspace that removes it, and theirs only.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo) => RunspaceConnections.Current.Clear();

        private static Assembly? ResolveFromModuleFolder(object? sender, ResolveEventArgs args)
        {
            var path = Path.Combine(ModuleFolder, new AssemblyName(args.Name).Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
