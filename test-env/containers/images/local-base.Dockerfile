# The base image made from the machine's own Node runtime when no registry is reachable: the Node
# binary, the shared libraries it links, /etc/passwd, /etc/nsswitch.conf and /tmp and /home/node that
# user 1000 owns. No shell.
FROM scratch
COPY rootfs/ /
# The build context loses the 1777 mode: the user node (1000) owns what it writes to instead.
COPY --chown=1000:1000 writable/ /tmp/
COPY --chown=1000:1000 writable/ /home/node/
ENV PATH=/usr/local/bin
