"""Simplified Chinese (简体中文) for every English string the user can see.

Terms follow ../shared/glossary-zh.md.  Keys are the exact English source
strings (templates keep their ``{placeholders}``); tests check that every
``tr()``/``N_()`` string in the code is here.
"""

CATALOG: dict[str, str] = {
    # Window and menus (gui/app.py)
    "SockLab — a socket workbench.\n\nStart a server in one tab, connect a client in another, and watch "
    "every byte that goes between them over TCP or UDP.":
        "SockLab——套接字工作台。\n\n在一个标签页中启动服务器，在另一个标签页中连接客户端，"
        "就能看到它们之间通过 TCP 或 UDP 传输的每一个字节。",
    "File": "文件",
    "Save log…": "保存日志…",
    "Save received data to file…": "接收转存文件…",
    "Stop saving received data": "停止接收转存",
    "Quit": "退出",
    "View": "视图",
    "Language": "语言",
    "Theme": "主题",
    "Light": "浅色",
    "Dark": "深色",
    "Help": "帮助",
    "About SockLab": "关于 SockLab",
    "Save log": "保存日志",
    "Save received data to file": "接收转存文件",
    "Text files": "文本文件",
    "All files": "所有文件",
    "Saved {count} log entries to {path}.": "已将 {count} 条日志保存到 {path}。",
    "Could not save the log: {reason}": "无法保存日志：{reason}",
    "Internal error (please report it): {error}": "内部错误（请报告此问题）：{error}",

    # Tab titles and the address form (gui/tab_base.py, gui/tabs/)
    "TCP server": "TCP 服务器",
    "TCP client": "TCP 客户端",
    "UDP server": "UDP 服务器",
    "UDP client": "UDP 客户端",
    "Host:": "主机：",
    "Server host:": "服务器主机：",
    "Target host:": "目标主机：",
    "Port:": "端口：",
    "Local port (0 = any):": "本地端口（0 = 任意）：",
    "Max clients:": "最大客户端数：",
    "Start listening": "开始监听",
    "Stop listening": "停止监听",
    "Connect": "连接",
    "Disconnect": "断开",
    "Open": "打开",
    "Close": "关闭",
    "Warning: {host} opens this port to the network, so other computers can connect. Use 127.0.0.1 to stay "
    "on this computer.":
        "警告：{host} 会把这个端口开放给网络，其他电脑也能连接进来。如果只在本机使用，请填写 127.0.0.1。",

    # Client and sender lists (gui/peer_list.py, server tabs)
    "Client list": "客户端列表",
    "Senders": "发送方列表",
    "Address": "地址",
    "Received (B)": "已接收字节",
    "Sent (B)": "已发送字节",
    "Send to all": "发送给全部",
    "Send to selected": "发送给选中",
    "Disconnect selected": "断开选中",
    "Reply to last sender": "回复最后一个发送方",
    "Reply to selected": "回复选中",
    "Select a client in the list first.": "请先在列表中选择一个客户端。",
    "Select a sender in the list first.": "请先在列表中选择一个发送方。",

    # Status line and connection messages in the log (gui/tab_base.py, gui/tabs/)
    "Stopped": "已停止",
    "Starting…": "正在启动…",
    "Running": "运行中",
    "Stopping…": "正在停止…",
    "Listening on {address}.": "正在监听 {address}。",
    "Connected to {remote} from {local}.": "已连接到 {remote}（本地地址 {local}）。",
    "Ready: datagrams go from {local} to {remote}.": "已就绪：数据报将从 {local} 发往 {remote}。",
    "{peer} connected.": "{peer} 已连接。",
    "{peer} closed the connection.": "{peer} 关闭了连接。",
    "Disconnected {peer}.": "已断开与 {peer} 的连接。",
    "Closed the connection to {peer}: this side stopped.": "已关闭与 {peer} 的连接：本端已停止。",
    "The connection to {peer} was reset.": "与 {peer} 的连接被对方重置。",
    "The connection to {peer} ended.": "与 {peer} 的连接已结束。",
    "{count} more datagrams arrived at once: counted, not shown.":
        "同一时间又收到 {count} 个数据报：已计入统计，但没有显示。",
    "Stopped.": "已停止。",

    # Save received data to file, 接收转存文件 (gui/tab_base.py)
    "Saving every byte received from now on to {path}.": "从现在起，收到的每个字节都会转存到 {path}。",
    "Stopped saving received data: {size} B are in {path}.": "已停止接收转存：{path} 中共有 {size} 字节。",
    "Cannot write to {path}: {reason}": "无法写入 {path}：{reason}",
    "Stopped saving received data to {path}: {reason}": "写入 {path} 出错，已停止接收转存：{reason}",

    # Log (gui/log_view.py)
    "Text": "文本",
    "Hex": "十六进制",
    "Text + hex": "文本+十六进制",
    "Show timestamps": "显示时间戳",
    "Clear": "清空",
    "… (cut here: the rest is not shown)": "…（在此截断：其余内容未显示）",
    "({count} older entries were dropped from the on-screen log.)":
        "（屏幕上的日志已丢弃 {count} 条较早的记录。）",

    # Send box (gui/send_box.py)
    "Send as:": "发送格式：",
    "Escapes (\\n \\xNN)": "转义文本（\\n \\xNN）",
    "Encoding:": "编码：",
    "Line ending:": "换行符：",
    "None": "无",
    "Send": "发送",
    "Type a message and press Enter to send it.": "输入消息，按回车键发送。",
    "Hex bytes, e.g. 48 65 6C 6C 6F or 0x48,0x65 — spaces, commas, colons and dashes are ignored.":
        "十六进制字节，例如 48 65 6C 6C 6F 或 0x48,0x65——空格、逗号、冒号和短横线会被忽略。",
    "Text where \\n, \\r, \\t, \\\\ and \\xNN stand for special bytes.":
        "文本中的 \\n、\\r、\\t、\\\\ 和 \\xNN 表示特殊字节。",
    "There is nothing to send: type a message first.": "没有要发送的内容：请先输入消息。",

    # Host and port input (netcore/addresses.py)
    "The port must be a whole number from 0 to 65535 (you typed “{text}”).":
        "端口必须是 0 到 65535 之间的整数（你输入的是“{text}”）。",
    "Port 0 cannot be reached: type the port the other side is listening on (1 to 65535).":
        "无法连接到端口 0：请输入对方正在监听的端口（1 到 65535）。",
    "Type a host name or an IP address, for example 127.0.0.1.": "请输入主机名或 IP 地址，例如 127.0.0.1。",
    "“{text}” is not a valid host name or IP address.": "“{text}”不是有效的主机名或 IP 地址。",
    "Unix socket paths are not supported on this system.": "此系统不支持 Unix 套接字路径。",

    # Hex, escapes and encodings in the send box (netcore/codec.py); {position} counts characters from 1
    "“{char}” at position {position} is not a hex digit. Use only 0–9 and A–F, with spaces between bytes, "
    "for example: 48 65 6C 6C 6F.":
        "第 {position} 个字符“{char}”不是十六进制数字。只能使用 0–9 和 A–F，字节之间用空格隔开，例如："
        "48 65 6C 6C 6F。",
    "“{token}” at position {position} has no hex digits after it. Write the byte after the prefix, for "
    "example 0x41, or delete the prefix.":
        "第 {position} 个字符处的“{token}”后面没有十六进制数字。请在前缀后面写上字节，例如 0x41，"
        "或者删掉这个前缀。",
    "“{token}” at position {position} has {count} hex digits, but every byte needs two. Add a leading 0 or "
    "put spaces between the bytes, for example 01 23 instead of 123.":
        "第 {position} 个字符处的“{token}”有 {count} 个十六进制数字，但每个字节需要两个。请在前面补 0，"
        "或者在字节之间加空格，例如用 01 23 代替 123。",
    "“{escape}” at position {position} is not a known escape. Known escapes: {known}. To send a backslash "
    "itself, write {backslash}.":
        "第 {position} 个字符处的“{escape}”不是可识别的转义序列。可用的转义序列：{known}。要发送反斜杠本身，"
        "请写 {backslash}。",
    "“{escape}” at position {position} is incomplete: {x} must be followed by exactly two hex digits, for "
    "example {example}.":
        "第 {position} 个字符处的“{escape}”不完整：{x} 后面必须正好跟两个十六进制数字，例如 {example}。",
    "The backslash at position {position} ends the text, so it escapes nothing. To send a backslash itself, "
    "write {backslash}.":
        "第 {position} 个字符是末尾的反斜杠，后面没有可以转义的内容。要发送反斜杠本身，请写 {backslash}。",
    "“{char}” at position {position} cannot be written in {encoding}. Choose another encoding (UTF-8 can "
    "write every character) or send the bytes as hex.":
        "第 {position} 个字符“{char}”无法用 {encoding} 编码表示。请换一种编码（UTF-8 可以表示所有字符），"
        "或者改用十六进制发送。",
    "“{encoding}” is not a known text encoding. Choose one of: {choices}.":
        "“{encoding}”不是已知的文本编码。请从以下编码中选择：{choices}。",

    # Network errors (netcore/errors.py, netcore/stream.py)
    "Nobody is listening on {address} — is the server started?":
        "{address} 上没有程序在监听——服务器启动了吗？",
    "Port {port} on {host} is already in use by another program (or another tab). Stop that program or "
    "choose another port.":
        "{host} 上的端口 {port} 已被其他程序（或另一个标签页）占用。请关闭那个程序，或者换一个端口。",
    "Permission denied for port {port}: ports below 1024 are reserved for the system. Use a port from 1024 "
    "to 65535.":
        "权限不足，无法使用端口 {port}：1024 以下的端口是系统保留端口。请使用 1024 到 65535 之间的端口。",
    "Permission denied while trying to {action} {address}.": "权限不足，无法{action}（{address}）。",
    "{host} is not an address of this computer, so nothing can listen on it. Use 127.0.0.1 (this computer "
    "only) or 0.0.0.0 (all networks).":
        "{host} 不是本机的地址，所以无法在上面监听。请使用 127.0.0.1（仅限本机）或 0.0.0.0（所有网络）。",
    "Cannot find the host “{host}”: check the spelling, or use an IP address such as 127.0.0.1.":
        "找不到主机“{host}”：请检查拼写，或者改用 IP 地址，例如 127.0.0.1。",
    "No answer from {address} within {seconds} s: the host may be off, or a firewall may drop the "
    "connection.":
        "{address} 在 {seconds} 秒内没有响应（超时）：对方主机可能没有开机，或者连接被防火墙拦截了。",
    "The connection to {address} was reset: the other side closed it abruptly or crashed.":
        "与 {address} 的连接被对方重置：对方突然关闭了连接，或者程序崩溃了。",
    "{address} has already closed the connection, so the data could not be sent.":
        "{address} 已经关闭了连接，所以数据没能发送出去。",
    "The datagram is too large: {size} bytes, but one UDP datagram can carry at most {limit} bytes.":
        "数据报过长：有 {size} 字节，但一个 UDP 数据报最多只能携带 {limit} 字节。",
    "{address} cannot be reached: check the address and the network.":
        "无法到达 {address}：请检查地址和网络。",
    "Too many connections or files are open: the system limit is reached. Close some and try again.":
        "打开的连接或文件太多，已达到系统上限。请关闭一些后再试。",
    "Could not {action} {address}: {reason}": "无法{action}（{address}）：{reason}",
    "connect to": "连接",
    "listen on": "监听",
    "bind to": "绑定地址",
    "send to": "发送数据",
    "receive from": "接收数据",
    "{address} is not reading fast enough: {size} bytes are still waiting to be sent. This message was not "
    "sent; try again later.":
        "{address} 读取数据太慢：还有 {size} 字节在等待发送。这条消息没有发送，请稍后再试。",

    # Endpoints (netcore/endpoint.py, netcore/tcp_*.py, netcore/udp_*.py)
    "Already started: stop it first.": "已经启动：请先停止。",
    "Stopped before it was ready.": "还没准备就绪就被停止了。",
    "Not started yet: press Start listening, Connect or Open first.":
        "还没有启动：请先点击“开始监听”、“连接”或“打开”。",
    "Unexpected internal error; this tab’s socket was closed: {detail}":
        "发生意外的内部错误，本页的套接字已关闭：{detail}",
    "No client is connected, so there is nobody to send to.": "还没有客户端连接，没有可以发送的对象。",
    "{address} is no longer connected.": "{address} 已经断开连接。",
    "{address} was turned away: the limit of {limit} clients is reached.":
        "已拒绝 {address} 的连接：已达到最大客户端数（{limit} 个）。",
    "The client limit must be a whole number from 1 to 100000.":
        "最大客户端数必须是 1 到 100000 之间的整数。",
    "Nobody is listening on {address}: the datagram was refused (the other side answered “port "
    "unreachable”). Is the server started?":
        "{address} 上没有程序在监听：数据报被拒收（对方回复“端口不可达”）。服务器启动了吗？",
    "Nobody has sent a datagram to this server yet, so there is no address to reply to.":
        "还没有人向这个服务器发送过数据报，所以没有可以回复的地址。",
    "UDP needs a host and a port; Unix socket paths are for TCP only.":
        "UDP 需要主机和端口；Unix 套接字路径只能用于 TCP。",

    # netcore, second pass: arguments, lookups, half-close, flow control
    "The host must be text such as 127.0.0.1 or localhost, not {kind}.":
        "主机必须是文本，例如 127.0.0.1 或 localhost，而不是 {kind}。",
    "This computer cannot open {family} sockets (the protocol is switched off or missing).":
        "这台计算机无法打开 {family} 套接字（该协议已关闭或不可用）。",
    "{host} is an {family} address, but this socket only speaks {other}: use an {other} address, "
    "or start the server on an address of that family.":
        "{host} 是 {family} 地址，但这个套接字只支持 {other}：请使用 {other} 地址，"
        "或者在该地址族的地址上启动服务器。",
    "The name server did not answer for “{host}” (a temporary failure): check the network, then try again.":
        "域名服务器没有回答“{host}”的查询（暂时性故障）：请检查网络后重试。",
    "“{host}” exists but has no address of a kind SockLab can use.":
        "“{host}”存在，但没有 SockLab 可以使用的地址。",
    "Looking up “{host}” failed: {reason}": "查找“{host}”失败：{reason}",
    "Cannot connect to {address}: this computer has no free local address or port for it "
    "(too many connections are open, or an IPv6 link-local address needs its %interface).":
        "无法连接到 {address}：这台计算机没有可用的本地地址或端口"
        "（打开的连接太多，或者 IPv6 链路本地地址需要加上 %网卡名）。",
    "The Unix socket path is too long: {size} bytes, but this system allows at most {limit}. "
    "Use a shorter path, for example in /tmp.":
        "Unix 套接字路径太长：{size} 字节，而这个系统最多允许 {limit} 字节。"
        "请使用更短的路径，例如放在 /tmp 下。",
    "{size} bytes queued for {address} could not be sent before the connection closed.":
        "发往 {address} 的 {size} 字节在连接关闭前没能发送出去。",
    "Unexpected internal error (it was reported and skipped; everything else keeps running): {detail}":
        "发生意外的内部错误（已报告并跳过；其他部分仍在正常运行）：{detail}",
    "Only bytes can be sent, not {kind}.": "只能发送字节（bytes），不能发送 {kind}。",
    "Only bytes can be sent, not text: encode it first, e.g. text.encode('utf-8').":
        "只能发送字节（bytes），不能直接发送文本：请先编码，例如 text.encode('utf-8')。",
    "The delay must be a number of seconds from 0 to {limit}.": "延迟必须是 0 到 {limit} 之间的秒数。",
    "The timer callback must be a function.": "定时器回调必须是一个函数。",
    "{name} must be a whole number of bytes greater than 0.": "{name} 必须是大于 0 的整数字节数。",
    "The socket option {name} must be {expected} (you gave “{value}”).":
        "套接字选项 {name} 必须是{expected}（你给的是“{value}”）。",
    "The timeout must be a number of seconds greater than 0 and at most 3600.":
        "超时时间必须是大于 0、不超过 3600 的秒数。",
    "The options must be a SocketOptions value.": "选项必须是一个 SocketOptions 值。",
    "Not ready yet: the server is still opening its port. Wait for it to start, then send.":
        "还没有准备好：服务器还在打开端口。请等它启动后再发送。",
    "The stop timeout must be a number of seconds (0: do not wait).": "停止超时必须是秒数（0 表示不等待）。",
    "consumed() takes a whole number of bytes.": "consumed() 需要一个整数字节数。",
    "{size} bytes for {address} were not sent: this side has already finished sending (shutdown_write).":
        "发往 {address} 的 {size} 字节没有发送：本方已经结束发送（shutdown_write）。",
    "The half-open timeout must be a number of seconds greater than 0 and at most 3600.":
        "半关闭等待时间必须是大于 0、不超过 3600 的秒数。",
    "The write water marks must be whole numbers of bytes with 0 < low ≤ high ≤ max_buffered.":
        "写缓冲水位必须是整数字节数，并且 0 < 低水位 ≤ 高水位 ≤ max_buffered。",
    "Say which client with its connection number or its address, not {kind}.":
        "请用连接编号或地址指明是哪个客户端，而不是 {kind}。",
    "Several clients share the address {address}: choose one by its connection number.":
        "有多个客户端使用地址 {address}：请按连接编号选择其中一个。",
    "The wait must be a number of seconds from 0 to 3600.": "等待时间必须是 0 到 3600 之间的秒数。",
    "Say where to send with a (host, port) pair such as ('127.0.0.1', 9999), not {kind}.":
        "请用（主机, 端口）指明发送目标，例如 ('127.0.0.1', 9999)，而不是 {kind}。",
    "{peer} finished sending (it half-closed the connection): it can still receive, "
    "so you may reply, then disconnect.":
        "{peer} 已发送完毕（它半关闭了连接）：它仍然可以接收，你可以回复，然后断开。",
    "Finished sending to {peer} (half-close); its replies can still arrive.":
        "已结束向 {peer} 发送（半关闭）；它的回复仍然可以收到。",
    " Without a reply it is closed after {seconds} s.": " 如果一直不回复，{seconds} 秒后关闭连接。",
    "Version {version}": "版本 {version}",
    "“{text}” has a port in it: type {host} in the Host field and {port} in the Port field.":
        "“{text}”里带了端口：请在“主机”栏填写 {host}，在“端口”栏填写 {port}。",
    "“{text}” is not a valid IPv4 address: it needs four numbers from 0 to 255 separated by dots, "
    "such as 192.168.1.10.":
        "“{text}”不是有效的 IPv4 地址：它需要用点隔开的四个 0 到 255 之间的数字，例如 192.168.1.10。",
    "Bound to {address}: datagrams sent there arrive here.":
        "已绑定 {address}：发到这里的数据报会在这里收到。",
    "{client} (finished sending)": "{client}（对方已发送完毕）",
    "{client} (we finished sending)": "{client}（本方已发送完毕）",
    "The operating system dropped {count} datagrams: they arrived faster than they were read "
    "({total} dropped since start).":
        "操作系统丢弃了 {count} 个数据报：它们到达得比读取得快（启动以来共丢弃 {total} 个）。",
    # The tab's parts: address form, status bar, client list (gui/tab.py, gui/parts/)
    "Type the path of the socket file, e.g. {example}.": "请输入套接字文件的路径，例如 {example}。",
    "IP address": "IP 地址",
    "Unix socket": "Unix 套接字",
    "Path:": "路径：",
    "The operating system dropped {count} datagram: it arrived faster than datagrams were read "
    "({total} dropped since start).":
        "操作系统丢弃了 {count} 个数据报：它们到达得比读取得快（启动以来共丢弃 {total} 个）。",
    "{count} more datagram arrived at once: counted, not shown.":
        "同一时间又收到 {count} 个数据报：已计入统计，但没有显示。",
    "Copy address": "复制地址",
    "Disconnect all": "全部断开",
    " ({rate}, {messages} msg/s)": "（{rate}，{messages} 条/秒）",
    "Reset counters": "计数清零",
    "sent {bytes} B in {count} message": "已发送 {bytes} 字节（{count} 条消息）",
    "sent {bytes} B in {count} messages": "已发送 {bytes} 字节（{count} 条消息）",
    "received {bytes} B in {count} message": "已接收 {bytes} 字节（{count} 条消息）",
    "received {bytes} B in {count} messages": "已接收 {bytes} 字节（{count} 条消息）",
    "{count} datagram dropped by the OS": "{count} 个数据报被系统丢弃",
    "{count} datagrams dropped by the OS": "{count} 个数据报被系统丢弃",
    "saving to {path}": "正在保存到 {path}",
    "({count} new)": "（{count} 条新消息）",
    "(999+ new)": "（999+ 条新消息）",
    "Timeout (s):": "超时（秒）：",
    "Max clients must be a whole number from 1 to {limit}.": "最大客户端数必须是 1 到 {limit} 之间的整数。",
    "all clients ({count})": "全部客户端（{count} 个）",

    # fonts
    "No installed font can draw Chinese: this window shows boxes instead of characters.":
        "没有安装能显示中文的字体：本窗口显示的是方框而不是汉字。",
    "Fix on Debian or Ubuntu: {command} (or fonts-noto-cjk), then restart SockLab.":
        "解决方法（Debian 或 Ubuntu）：运行 {command}（或 fonts-noto-cjk），然后重新启动 SockLab。",
    # theme and crash dialog
    "SockLab hit an unexpected error and must close.": "SockLab 遇到了意外错误，必须关闭。",
    "Details are in: {path}": "详细信息已写入：{path}",

    # log panel
    "→ sent to {peer} ({size} B):": "→ 发送给 {peer}（{size} 字节）：",
    "← received from {peer} ({size} B):": "← 接收自 {peer}（{size} 字节）：",
    "Pause": "暂停显示",
    "Hide sent": "隐藏发送",
    "Find:": "查找：",
    "{count} match": "{count} 处匹配",
    "{count} matches": "{count} 处匹配",
    "(paused: {count} new entry)": "（已暂停：{count} 条新记录）",
    "(paused: {count} new entries)": "（已暂停：{count} 条新记录）",
    "Copy": "复制",
    "Select all": "全选",
    # the log in a flood (gui/log_view.py)
    "… {count} entry was not drawn: data came faster than it can be read here. The counters "
    "and File → Save received data have everything.":
        "… 有 {count} 条记录没有显示：数据来得比这里能显示的更快。计数和“文件 → 接收转存文件”中都是完整的。",
    "… {count} entries were not drawn: data came faster than they can be read here. The counters "
    "and File → Save received data have everything.":
        "… 有 {count} 条记录没有显示：数据来得比这里能显示的更快。计数和“文件 → 接收转存文件”中都是完整的。",

    # --- show code, export as script, seed programs (gui/learn/, netcore/codegen.py, netcore/replay.py) ---
    "Learn": "学习",
    "Show code…": "查看代码…",
    "Export calls as script…": "导出为脚本…",
    "Record socket calls": "记录套接字调用",
    "No calls were recorded: turn on Learn → Record socket calls, start the tab, then export.":
        "没有记录到调用：请打开“学习 → 记录套接字调用”，启动标签页，然后再导出。",
    "Seed programs": "教程里的程序",
    "Code for the {tab} tab": "{tab}标签页的代码",
    "Socket calls of the {tab} tab, as a script": "{tab}标签页的套接字调用（脚本形式）",
    "Show code has no script for this address: UDP needs a host and a port.":
        "“查看代码”无法为这个地址生成脚本：UDP 需要主机和端口。",
    "Fix the address in the tab first: {reason}": "请先改正标签页中的地址：{reason}",
    "Save…": "保存…",
    "Refresh": "刷新",
    "Python scripts": "Python 脚本",
    "Saved to {path}.": "已保存到 {path}。",
    "Copied: paste it into an editor and run it with python3.":
        "已复制：粘贴到编辑器中，用 python3 运行即可。",
    "Could not save the script: {reason}": "无法保存脚本：{reason}",
    "What the original program did": "原来的程序做了什么",
    "Calls to watch in the trace": "在调用跟踪中留意这些调用",
    "TCP server that answers (echo)": "会回答的 TCP 服务器（回显）",
    "UDP server that answers with the time": "回复时间的 UDP 服务器",
    "The original TCP server binds port 9999, listens, and takes one client at a time with accept(). It "
    "prints every message that arrives and sends back an answer typed at its keyboard, until the client "
    "closes. Here the answer is automatic: this tab sends each message straight back (an echo).":
        "原来的 TCP 服务器绑定 9999 端口并开始监听，用 accept() 一次接待一个客户端。它打印收到的每条消息，"
        "再把键盘上输入的回答发回去，直到客户端关闭连接。这里的回答是自动的：本标签页把每条消息原样发回（回显）。",
    "Watch socket(), setsockopt(SO_REUSEADDR), bind() and listen() at the start; accept() when a client "
    "connects; recv() for each message and send() for its echo; recv() returning b'' when the client closes.":
        "开始时看 socket()、setsockopt(SO_REUSEADDR)、bind() 和 listen()；客户端连上时看 accept()；"
        "每条消息对应一次 recv()，回显对应一次 send()；客户端关闭时 recv() 返回 b''。",
    "Seed program: this server sends every message back to its sender (echo) until it stops.":
        "教程程序：这个服务器把收到的每条消息发回给发送者（回显），直到停止。",
    "The original TCP client connects to 127.0.0.1 port 9999, then repeats: read a line from the keyboard, "
    "send() it, recv() up to 4096 bytes and print them. Start the TCP server preset first, then type in "
    "the send box below: each message comes back.":
        "原来的 TCP 客户端连接 127.0.0.1 的 9999 端口，然后反复：从键盘读一行，用 send() 发出，"
        "用 recv() 最多接收 4096 字节并打印。请先启动 TCP 服务器预设，"
        "再在下面的发送框中输入：每条消息都会被发回来。",
    "Watch socket() and the connection: this tab does not block, so connect() appears as connect_ex() "
    "returning EINPROGRESS and then SO_ERROR read back as 0. Then send() for each message and recv() for "
    "each answer.":
        "看 socket() 和建立连接的过程：本标签页不阻塞，所以 connect() 显示为 connect_ex() 返回 EINPROGRESS，"
        "随后读回的 SO_ERROR 为 0。之后每条消息对应一次 send()，每个回答对应一次 recv()。",
    "Seed program: type a message below and press Enter; the TCP server preset sends it back.":
        "教程程序：在下面输入消息并按回车，TCP 服务器预设会把它发回来。",
    "The original UDP server binds port 21567 and never listens or accepts: UDP has no connections. It "
    "waits in recvfrom() for a datagram and sends the time and the data back to the sender, like "
    "[Sun Nov 29 18:22:38 2026] hello.":
        "原来的 UDP 服务器绑定 21567 端口，从不监听也不接受连接：UDP 没有连接。它在 recvfrom() 中等待数据报，"
        "再把时间和数据发回给发送者，例如 [Sun Nov 29 18:22:38 2026] hello。",
    "Watch socket(AF_INET, SOCK_DGRAM) and bind() at the start (no listen(), no accept()); then recvfrom() "
    "returning each datagram with its sender's address, and sendto() answering that address.":
        "开始时看 socket(AF_INET, SOCK_DGRAM) 和 bind()（没有 listen()，也没有 accept()）；"
        "然后 recvfrom() 返回每个数据报及发送者的地址，sendto() 向这个地址回复。",
    "Seed program: this server answers each datagram with [the time] and the data until it stops.":
        "教程程序：这个服务器用“[时间] 数据”回复每个数据报，直到停止。",
    "The original UDP client sends each line typed to port 21567 with sendto(), then waits in recvfrom() "
    "for the answer and prints it. Start the UDP server preset first, then send a message from the box "
    "below: the time comes back in front of it.":
        "原来的 UDP 客户端用 sendto() 把输入的每一行发到 21567 端口，然后在 recvfrom() 中等待回答并打印。"
        "请先启动 UDP 服务器预设，再从下面的发送框发送消息：回来的消息前面会加上时间。",
    "Watch socket(AF_INET, SOCK_DGRAM) and connect(): this tab connects its UDP socket, which only sets the "
    "default address (nothing is sent), so the system can report \"port unreachable\". Then send() for "
    "each datagram and recvfrom() for each answer.":
        "看 socket(AF_INET, SOCK_DGRAM) 和 connect()：本标签页对 UDP 套接字调用 connect()，这只设定默认地址"
        "（并不发送任何东西），这样系统才能报告“端口不可达”。"
        "之后每个数据报对应一次 send()，每个回答对应一次 recvfrom()。",
    "Seed program: type a message below and press Enter; the UDP server preset answers with the time.":
        "教程程序：在下面输入消息并按回车，UDP 服务器预设会回复时间。",
    # the generated scripts' comments and printed words
    "A TCP server like SockLab's TCP server tab, written the blocking way.":
        "一个与 SockLab 的 TCP 服务器标签页做同样事情的 TCP 服务器，用阻塞方式编写。",
    "A TCP client like SockLab's TCP client tab, written the blocking way.":
        "一个与 SockLab 的 TCP 客户端标签页做同样事情的 TCP 客户端，用阻塞方式编写。",
    "A UDP server like SockLab's UDP server tab, written the blocking way.":
        "一个与 SockLab 的 UDP 服务器标签页做同样事情的 UDP 服务器，用阻塞方式编写。",
    "A UDP client like SockLab's UDP client tab, written the blocking way.":
        "一个与 SockLab 的 UDP 客户端标签页做同样事情的 UDP 客户端，用阻塞方式编写。",
    "Run it with python3; stop it with Ctrl+C.": "用 python3 运行；按 Ctrl+C 停止。",
    "Run it with python3, type a line and press Enter; an empty line ends it.":
        "用 python3 运行，输入一行后按回车；输入空行即结束。",
    "AF_INET: IPv4 addresses.": "AF_INET：IPv4 地址。",
    "AF_INET6: IPv6 addresses.": "AF_INET6：IPv6 地址。",
    "AF_UNIX: a socket file on this computer, no network.": "AF_UNIX：本机上的套接字文件，不经过网络。",
    "SOCK_STREAM: TCP, a connected byte stream (no message boundaries).":
        "SOCK_STREAM：TCP，面向连接的字节流（没有消息边界）。",
    "SOCK_DGRAM: UDP, separate datagrams, each whole or not at all.":
        "SOCK_DGRAM：UDP，一个个独立的数据报，每个要么完整到达，要么不到达。",
    "Lets the server start again at once while old connections linger in TIME_WAIT.":
        "让服务器在旧连接还处于 TIME_WAIT 时也能立即重新启动。",
    "A socket file left by an earlier run makes bind() fail, so remove it first.":
        "上次运行留下的套接字文件会让 bind() 失败，所以先删除它。",
    "Clients that connect wait in a queue of this length until accept() takes them.":
        "连上来的客户端在这个长度的队列中等待，直到 accept() 接待它们。",
    "The tab serves up to {count} clients at once with a selector; this script serves one client at a "
    "time, and the next waits in listen()'s queue.":
        "标签页借助选择器（selector）同时服务最多 {count} 个客户端；这个脚本一次只服务一个，"
        "下一个在 listen() 的队列中等待。",
    "accept() waits for a client and returns a new socket just for it.":
        "accept() 等待客户端连接，并返回一个专门与它通信的新套接字。",
    "recv() waits for data; b'' means the other side closed.": "recv() 等待数据；b'' 表示对方已关闭。",
    "Echo: send back exactly what arrived.": "回显：把收到的内容原样发回。",
    "Answer with the time, then the data: [Sun Nov 29 18:22:38 2026] data":
        "回复时间和数据：[Sun Nov 29 18:22:38 2026] data",
    "Type the answer, as in the tab's send box.": "输入回答，就像在标签页的发送框中一样。",
    "Give up connecting after TIMEOUT seconds, like the tab's Timeout field.":
        "连接超过 TIMEOUT 秒就放弃，与标签页的“超时”一栏相同。",
    "Once connected, wait for data as long as it takes.": "连上之后，等待数据不设时限。",
    "sendall() repeats send() until every byte is handed to the system.":
        "sendall() 会反复调用 send()，直到每个字节都交给了系统。",
    "UDP has no listen() and no accept(): binding the port is all a server does.":
        "UDP 没有 listen() 也没有 accept()：服务器只需绑定端口。",
    "recvfrom() waits for one datagram and says who sent it.":
        "recvfrom() 等待一个数据报，并告诉你是谁发的。",
    "sendto() sends one datagram to an address; no connection is needed.":
        "sendto() 把一个数据报发到一个地址，不需要连接。",
    "Replies come back to this port, like the tab's Local port field.":
        "回复会发回到这个端口，与标签页的“本地端口”一栏相同。",
    "UDP gives no error when nobody answers: stop waiting after a few seconds.":
        "没有人回答时 UDP 不会报错：等几秒就不再等了。",
    "Ctrl+C, or the end of the input, ends the program.": "按 Ctrl+C 或输入结束时，程序结束。",
    "The with block closes the socket at the end, as close() would.":
        "with 块结束时会关闭套接字，与调用 close() 相同。",
    "Listening on": "正在监听",
    "Waiting for datagrams on": "正在等待数据报，地址",
    "Connected to": "已连接到",
    "Client connected:": "客户端已连接：",
    "Client left:": "客户端已离开：",
    "Received:": "收到：",
    "From": "来自",
    "The server closed the connection.": "服务器关闭了连接。",
    "No reply within {seconds} s: is a server listening there?":
        "{seconds} 秒内没有回复：那里有服务器在监听吗？",
    "SockLab's {tab} tab made these socket calls; this script makes them again, blocking.":
        "SockLab 的{tab}标签页做了下面这些套接字调用；这个脚本以阻塞方式重新做一遍。",
    "What arrived is shown in comments: a replay cannot know what the peer will send.":
        "收到的内容写在注释里：重放无法预知对方会发什么。",
    "SockLab's socket was non-blocking, with a selector waiting for it; this replay blocks instead, so "
    "each call waits until it can be done.":
        "SockLab 的套接字是非阻塞的，由选择器（selector）等待它；"
        "这个重放改为阻塞，每个调用都会等到能完成为止。",
    "failed in SockLab:": "在 SockLab 中失败：",
    "received": "收到",
    "{size} bytes were sent; the trace keeps only their size.": "发送了 {size} 字节；跟踪只记录了大小。",
    "Repeated sends (×{count}) moved {size} bytes; the trace keeps only their total.":
        "重复发送（×{count}）共 {size} 字节；跟踪只记录了总数。",
    "Nothing yet: start the tab, then export again.": "还没有调用：先启动标签页，再导出一次。",
    "The trace kept the first {kept} calls; {more} more are not in this script.":
        "跟踪只保留了前 {kept} 个调用；另外 {more} 个不在这个脚本中。",
}
