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

        public void OnImport()
        {
            if (OnNetFramework)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleFolder;
            }
        }

        /// <summary>Remove-Module forgets every connection and token of the process.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            ConnectionRegistry.Process.Clear();
            if (OnNetFramework)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromModuleFolder;
            }
        }

        private static Assembly? ResolveFromModuleFolder(object? sender, ResolveEventArgs args)
        {
            var path = Path.Combine(ModuleFolder, new AssemblyName(args.Name).Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
