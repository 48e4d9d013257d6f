// Verilated -*- C++ -*-
// DESCRIPTION: Verilator output: Tracing implementation internals
#include "verilated_fst_c.h"
#include "Vzz_smoke__Syms.h"


VL_ATTR_COLD void Vzz_smoke___024root__trace_init_sub__TOP__0(Vzz_smoke___024root* vlSelf, VerilatedFst* tracep) {
    if (false && vlSelf) {}  // Prevent unused
    Vzz_smoke__Syms* const __restrict vlSymsp VL_ATTR_UNUSED = vlSelf->vlSymsp;
    VL_DEBUG_IF(VL_DBG_MSGF("+    Vzz_smoke___024root__trace_init_sub__TOP__0\n"); );
    // Init
    const int c = vlSymsp->__Vm_baseCode;
    // Body
    tracep->declBit(c+1,"clk",-1,FST_VD_INPUT,FST_VT_VCD_WIRE, false,-1);
    tracep->declBit(c+2,"rst",-1,FST_VD_INPUT,FST_VT_VCD_WIRE, false,-1);
    tracep->declArray(c+3,"in_data",-1,FST_VD_INPUT,FST_VT_VCD_WIRE, false,-1, 127,0);
    tracep->declArray(c+7,"out_data",-1,FST_VD_OUTPUT,FST_VT_VCD_WIRE, false,-1, 127,0);
    tracep->pushNamePrefix("zz_smoke ");
    tracep->declBit(c+1,"clk",-1,FST_VD_INPUT,FST_VT_VCD_WIRE, false,-1);
    tracep->declBit(c+2,"rst",-1,FST_VD_INPUT,FST_VT_VCD_WIRE, false,-1);
    tracep->declArray(c+3,"in_data",-1,FST_VD_INPUT,FST_VT_VCD_WIRE, false,-1, 127,0);
    tracep->declArray(c+7,"out_data",-1,FST_VD_OUTPUT,FST_VT_VCD_WIRE, false,-1, 127,0);
    tracep->popNamePrefix(1);
}

VL_ATTR_COLD void Vzz_smoke___024root__trace_init_top(Vzz_smoke___024root* vlSelf, VerilatedFst* tracep) {
    if (false && vlSelf) {}  // Prevent unused
    Vzz_smoke__Syms* const __restrict vlSymsp VL_ATTR_UNUSED = vlSelf->vlSymsp;
    VL_DEBUG_IF(VL_DBG_MSGF("+    Vzz_smoke___024root__trace_init_top\n"); );
    // Body
    Vzz_smoke___024root__trace_init_sub__TOP__0(vlSelf, tracep);
}

VL_ATTR_COLD void Vzz_smoke___024root__trace_full_top_0(void* voidSelf, VerilatedFst::Buffer* bufp);
void Vzz_smoke___024root__trace_chg_top_0(void* voidSelf, VerilatedFst::Buffer* bufp);
void Vzz_smoke___024root__trace_cleanup(void* voidSelf, VerilatedFst* /*unused*/);

VL_ATTR_COLD void Vzz_smoke___024root__trace_register(Vzz_smoke___024root* vlSelf, VerilatedFst* tracep) {
    if (false && vlSelf) {}  // Prevent unused
    Vzz_smoke__Syms* const __restrict vlSymsp VL_ATTR_UNUSED = vlSelf->vlSymsp;
    VL_DEBUG_IF(VL_DBG_MSGF("+    Vzz_smoke___024root__trace_register\n"); );
    // Body
    tracep->addFullCb(&Vzz_smoke___024root__trace_full_top_0, vlSelf);
    tracep->addChgCb(&Vzz_smoke___024root__trace_chg_top_0, vlSelf);
    tracep->addCleanupCb(&Vzz_smoke___024root__trace_cleanup, vlSelf);
}

VL_ATTR_COLD void Vzz_smoke___024root__trace_full_sub_0(Vzz_smoke___024root* vlSelf, VerilatedFst::Buffer* bufp);

VL_ATTR_COLD void Vzz_smoke___024root__trace_full_top_0(void* voidSelf, VerilatedFst::Buffer* bufp) {
    VL_DEBUG_IF(VL_DBG_MSGF("+    Vzz_smoke___024root__trace_full_top_0\n"); );
    // Init
    Vzz_smoke___024root* const __restrict vlSelf VL_ATTR_UNUSED = static_cast<Vzz_smoke___024root*>(voidSelf);
    Vzz_smoke__Syms* const __restrict vlSymsp VL_ATTR_UNUSED = vlSelf->vlSymsp;
    // Body
    Vzz_smoke___024root__trace_full_sub_0((&vlSymsp->TOP), bufp);
}

VL_ATTR_COLD void Vzz_smoke___024root__trace_full_sub_0(Vzz_smoke___024root* vlSelf, VerilatedFst::Buffer* bufp) {
    if (false && vlSelf) {}  // Prevent unused
    Vzz_smoke__Syms* const __restrict vlSymsp VL_ATTR_UNUSED = vlSelf->vlSymsp;
    VL_DEBUG_IF(VL_DBG_MSGF("+    Vzz_smoke___024root__trace_full_sub_0\n"); );
    // Init
    uint32_t* const oldp VL_ATTR_UNUSED = bufp->oldp(vlSymsp->__Vm_baseCode);
    // Body
    bufp->fullBit(oldp+1,(vlSelf->clk));
    bufp->fullBit(oldp+2,(vlSelf->rst));
    bufp->fullWData(oldp+3,(vlSelf->in_data),128);
    bufp->fullWData(oldp+7,(vlSelf->out_data),128);
}
