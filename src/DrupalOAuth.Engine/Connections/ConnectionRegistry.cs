using System;
using System.Collections.Generic;
using System.Linq;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Connections
{
    /// <summary>
    /// The connections of one runspace by name, and which one is current. Each runspace has its own (Azure
    /// Automation runs several jobs in one process: one job must never see or end another's connections); a
    /// connection object handed to another runspace still works there and shares its token.
    /// </summary>
    public sealed class ConnectionRegistry
    {
        private readonly object _lock = new object();
        private readonly Dictionary<string, DrupalConnection> _byName = new Dictionary<string, DrupalConnection>(StringComparer.OrdinalIgnoreCase);
        private DrupalConnection? _current;

        public DrupalConnection? Current
        {
            get
            {
                lock (_lock)
                {
                    return _current;
                }
            }
        }

        /// <summary>Adds the connection and makes it current; one of the same name is replaced and closed.</summary>
        public void Add(DrupalConnection connection)
        {
            DrupalConnection? replaced;
            lock (_lock)
            {
                _byName.TryGetValue(connection.Name, out replaced);
                _byName[connection.Name] = connection;
                _current = connection;
                connection.Registry = this;
            }

            // A replaced connection with the same token stays usable for scripts that still hold it; the new one
            // holds the token from now on.
            if (replaced != null && !ReferenceEquals(replaced, connection))
            {
                if (SameToken(replaced, connection))
                {
                    replaced.StopHoldingToken();
                }
                else
                {
                    replaced.Close();
                }
            }
        }

        public IReadOnlyList<DrupalConnection> GetAll()
        {
            lock (_lock)
            {
                return _byName.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
            }
        }

        public DrupalConnection? Get(string name)
        {
            lock (_lock)
            {
                return _byName.TryGetValue(name, out var connection) ? connection : null;
            }
        }

        /// <summary>Removes the connection and forgets its token. When it was current, no connection is current.</summary>
        public bool Remove(DrupalConnection connection)
        {
            lock (_lock)
            {
                if (!_byName.TryGetValue(connection.Name, out var registered) || !ReferenceEquals(registered, connection))
                {
                    return false;
                }

                _byName.Remove(connection.Name);
                if (ReferenceEquals(_current, connection))
                {
                    _current = null;
                }
            }

            connection.Close();
            return true;
        }

        public void Clear()
        {
            foreach (var connection in GetAll())
            {
                Remove(connection);
            }
        }

        /// <summary>The given connection, else the current one, else an error that says to connect.</summary>
        public DrupalConnection Resolve(DrupalConnection? connection) =>
            connection ?? Current ?? throw new DrupalException(
                "NotConnected",
                DrupalErrorCategory.InvalidOperation,
                "There is no Drupal connection. Run Connect-DrupalApi first, or pass -Connection.");

        private static bool SameToken(DrupalConnection a, DrupalConnection b) => a.TokenKey.Equals(b.TokenKey);
    }
}
