using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>
    /// Module import and removal, and where the engine's dependencies come from. They live in the module's
    /// Dependencies folder, apart from this assembly and DrupalOAuth.Contracts, so that other modules' versions of
    /// System.Text.Json or Microsoft.Extensions.* never meet ours. PowerShell 7 loads them in a load context of
    /// their own (<see cref="DependencyLoadContext"/>); Windows PowerShell has none, so there a resolver answers
    /// for the Dependencies folder only, and without binding redirects it must map the versions that
    /// netstandard libraries ask of each other to the ones that ship here.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependenciesFolder = Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "Dependencies");
        private static readonly bool OnNetFramework = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static int _prepared;

        /// <summary>
        /// Each runspace that imports the module calls this; the loading is set up once for the process and stays,
        /// since other runspaces may still use the module when one removes it.
        /// </summary>
        public void OnImport()
        {
            if (Interlocked.Exchange(ref _prepared, 1) != 0)
            {
                return;
            }

            if (OnNetFramework)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;

                // Windows PowerShell still offers only older TLS versions on some systems, which sites refuse. Added
                // to what the process allows, never replacing it: other modules in the session may rely on it.
                System.Net.ServicePointManager.SecurityProtocol |= System.Net.SecurityProtocolType.Tls12;
            }
            else
            {
                RegisterLoadContext();
            }
        }

        /// <summary>Remove-Module forgets the connections of the runspace that removes it, and theirs only.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo) => RunspaceConnections.Current.Clear();

        // Apart, so that .NET Framework never compiles a method that names AssemblyLoadContext.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RegisterLoadContext() => DependencyLoadContext.Register(DependenciesFolder);

        /// <summary>
        /// Windows PowerShell: an assembly of our Dependencies folder, for a request of the same name and public key
        /// whose version is ours or older (System.Memory asks for System.Runtime.CompilerServices.Unsafe 4.0.4.1,
        /// and we ship 6.0.0.0); anything else is not ours to answer.
        /// </summary>
        private static Assembly? ResolveFromDependencies(object? sender, ResolveEventArgs args)
        {
            var requested = new AssemblyName(args.Name);
            var path = Path.Combine(DependenciesFolder, requested.Name + ".dll");
            if (!File.Exists(path))
            {
                return null;
            }

            var ours = AssemblyName.GetAssemblyName(path);
            var token = requested.GetPublicKeyToken();
            var sameKey = token == null || token.SequenceEqual(ours.GetPublicKeyToken() ?? Array.Empty<byte>());
            return sameKey && (requested.Version == null || ours.Version >= requested.Version) ? Assembly.LoadFrom(path) : null;
        }
    }
}
