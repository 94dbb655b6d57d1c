"""The five tabs of the window, one endpoint kind each."""

from .tcp_client import TcpClientTab
from .tcp_relay import TcpRelayTab
from .tcp_server import TcpServerTab
from .udp_client import UdpClientTab
from .udp_server import UdpServerTab

__all__ = ["TcpClientTab", "TcpRelayTab", "TcpServerTab", "UdpClientTab", "UdpServerTab"]
