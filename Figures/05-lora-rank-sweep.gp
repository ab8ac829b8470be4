# Knowledge: recall against LoRA rank
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 05-lora-rank-sweep.gp
set terminal pngcairo size 1000,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '05-lora-rank-sweep.png'
set termoption noenhanced
set title 'Knowledge: recall against LoRA rank' font ',15'
set xlabel 'rank r (log scale)'
set ylabel 'recall of the facts (exact match)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key outside right box lc rgb '#bbbbbb' opaque
set logscale x
set autoscale xfix
set format x '%.0s%c'
set mxtics 10
set xrange [0.7:89.6]
set yrange [-0.03:1.05]
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
set xtics ("1" 1, "8" 8, "64" 64)
plot '05-lora-rank-sweep.dat' index 0 using 1:2:3 with yerrorlines lt 1 title 'LoRA, α/√r (rate per rank)', \
     '05-lora-rank-sweep.dat' index 1 using 1:2:3 with yerrorbars lt 2 title 'LoRA, α/r (the same rate as α/√r)', \
     '05-lora-rank-sweep.dat' index 2 using 1:2 with lines lt 3 title 'full fine-tuning: 99.6% ± 0.9', \
     '05-lora-rank-sweep.dat' index 3 using 1:2 with lines lt 4 dt 2 title 'majority answer: 10.6%'
