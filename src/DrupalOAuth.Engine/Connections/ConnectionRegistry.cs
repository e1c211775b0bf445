using System;
using System.Collections.Generic;
using System.Linq;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Connections
{
    /// <summary>
    /// The connections of the process by name, and which one is current. One registry serves every runspace, so a
    /// connection made in a session is the same object, with the same token, in its parallel runspaces.
    /// </summary>
    public sealed class ConnectionRegistry
    {
        private readonly object _lock = new object();
        private readonly Dictionary<string, DrupalConnection> _byName = new Dictionary<string, DrupalConnection>(StringComparer.OrdinalIgnoreCase);
        private DrupalConnection? _current;

        public static ConnectionRegistry Process { get; } = new ConnectionRegistry();

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
            }

            // The replaced connection shares the token cache entry of the new one when its client and scope match.
            if (replaced != null && !SameToken(replaced, connection))
            {
                replaced.Close();
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

        private static bool SameToken(DrupalConnection a, DrupalConnection b) =>
            a.TokenUri == b.TokenUri && a.ClientId == b.ClientId && a.Scope.SequenceEqual(b.Scope);
    }
}
