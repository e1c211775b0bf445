using System.Management.Automation;
using DrupalOAuth.Connections;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>Lets -Connection take a connection's name as well as the object itself.</summary>
    internal sealed class ConnectionTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string name)
            {
                return RunspaceConnections.Current.Get(name)
                    ?? throw new ArgumentTransformationMetadataException($"There is no Drupal connection named '{name}'. Get-DrupalConnection lists the connections; Connect-DrupalApi -Name makes one.");
            }

            return value;
        }
    }
}
