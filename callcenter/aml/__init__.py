"""Advanced Mobile Location: the position a caller's phone sends by SMS or HTTPS after dialling 112.

Plain Python, no Qt and no database: ``message`` parses the AML text (versions 1 and 2), ``pdu`` decodes the
SMS-DELIVER PDUs a GSM modem prints, ``gsm7`` the GSM 7-bit alphabet, ``sms`` joins concatenated parts and tells
a location from an ordinary SMS, ``https_form`` reads the HTTPS transport's POST body, ``https_server`` receives it.
"""

from callcenter.aml.message import AmlMessage, looks_like_aml, parse_aml
from callcenter.aml.pdu import SmsDeliver, decode_deliver
from callcenter.aml.sms import ReceivedSms

__all__ = ["AmlMessage", "ReceivedSms", "SmsDeliver", "decode_deliver", "looks_like_aml", "parse_aml"]
